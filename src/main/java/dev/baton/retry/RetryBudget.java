package dev.baton.retry;

import java.time.Duration;

/**
 * How hard one call is tried.
 *
 * @param maxAttempts attempts per call, the first included (1 = no retry)
 * @param baseDelay wait before the second attempt; doubled before each further one
 * @param maxDelay longest backoff wait (before jitter)
 * @param maxTotal no attempt starts later than this after the first one
 * @param longestAsk the longest wait a server may ask for ({@code Retry-After}); asking for more
 *     ends the call at once, retryably, instead of calling back early
 */
public record RetryBudget(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxTotal,
    Duration longestAsk) {

  public RetryBudget {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be at least 1, not " + maxAttempts);
    }
    for (Duration d : new Duration[] {baseDelay, maxDelay, maxTotal, longestAsk}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("retry durations must be positive");
      }
    }
  }

  /**
   * The backoff before attempt {@code failed + 1}, without jitter: {@code baseDelay ·
   * 2^(failed-1)}, at most {@code maxDelay}.
   */
  public Duration backoff(int failed) {
    Duration d = baseDelay;
    for (int i = 1; i < failed && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
