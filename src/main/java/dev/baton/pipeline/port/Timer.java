package dev.baton.pipeline.port;

import java.time.Instant;

/** Runs a task at an instant of the core's clock. */
public interface Timer {
  /** Runs {@code task} once at {@code at} (at once when it has passed). */
  Scheduled at(Instant at, Runnable task);

  /** A task scheduled by {@link #at}. */
  interface Scheduled {
    /** The task does not run, if it has not started yet. */
    void cancel();
  }
}
