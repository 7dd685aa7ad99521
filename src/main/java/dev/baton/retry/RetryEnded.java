package dev.baton.retry;

import java.time.Duration;
import java.util.Locale;

/**
 * A call that {@link Retrying} stopped trying, with why: the adapter turns it into its own error
 * message. {@link #failure()} is the last attempt's failure.
 */
public final class RetryEnded extends RuntimeException {
  /** Why no further attempt was made. */
  public enum Reason {
    /** The adapter's classifier says trying again cannot help. */
    TERMINAL,
    /** Attempts or total time used up. */
    EXHAUSTED,
    /** The server asked for a wait longer than allowed, or than the time left. */
    ASKED_TOO_LONG,
    /** Baton is stopping: the wait was interrupted (the thread's interrupt flag is set). */
    INTERRUPTED
  }

  private final transient RuntimeException failure;
  private final Reason reason;
  private final int attempts;
  private final Duration elapsed;
  private final Duration asked;

  RetryEnded(
      RuntimeException failure, Reason reason, int attempts, Duration elapsed, Duration asked) {
    super(failure.getMessage(), failure, false, false);
    this.failure = failure;
    this.reason = reason;
    this.attempts = attempts;
    this.elapsed = elapsed;
    this.asked = asked;
  }

  public RuntimeException failure() {
    return failure;
  }

  public Reason reason() {
    return reason;
  }

  public int attempts() {
    return attempts;
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** The wait the server asked for after the last attempt; null when it did not say. */
  public Duration asked() {
    return asked;
  }

  /** {@code "3 attempts in 1.2 s"}. */
  public String spent() {
    return attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + human(elapsed);
  }

  /** {@code "250 ms"}, {@code "1.5 s"}. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
