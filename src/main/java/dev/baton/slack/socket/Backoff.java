package dev.baton.slack.socket;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before the next Socket Mode connection attempt: one second doubling up to {@code
 * longest}, each ±25 % at random so that replicas do not knock in step, and never shorter than a
 * wait Slack asked for. Unlike the retry policy of single calls it never gives up.
 */
final class Backoff {
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final double JITTER = 0.25;

  private final Duration longest;

  Backoff(Duration longest) {
    this.longest = longest;
  }

  /**
   * @param failures attempts that failed in a row, at least 1
   * @param asked what Slack asked for ({@code Retry-After}), or null
   */
  Duration pause(int failures, Duration asked) {
    long base = FIRST.toMillis() << Math.min(failures - 1, 20);
    long capped = Math.min(base, longest.toMillis());
    double factor = 1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    long millis = Math.round(capped * factor);
    if (asked != null) {
      millis = Math.max(millis, asked.toMillis());
    }
    return Duration.ofMillis(Math.max(millis, 1));
  }
}
