package dev.baton.fakes;

import dev.baton.pipeline.port.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A timer on a {@link MutableClock}: tasks run only when a test calls {@link #runDue}, and only
 * those whose instant the clock has reached, earliest first.
 */
public final class ManualTimer implements Timer {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long order;

  private final class Task implements Scheduled {
    final Instant at;
    final long seq;
    final Runnable work;
    volatile boolean cancelled;

    Task(Instant at, long seq, Runnable work) {
      this.at = at;
      this.seq = seq;
      this.work = work;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  public ManualTimer(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Scheduled at(Instant at, Runnable task) {
    Task t = new Task(at, order++, task);
    tasks.add(t);
    return t;
  }

  /** Runs every task due now, including due tasks that running ones schedule. */
  public void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next =
            tasks.stream()
                .filter(t -> !t.at.isAfter(clock.instant()))
                .min(Comparator.comparing((Task t) -> t.at).thenComparingLong(t -> t.seq))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.work.run();
    }
  }
}
