package dev.baton.pipeline.view;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a release has baked in an environment, measured against a minimum: the one computation
 * every message, the App Home and the state API show.
 *
 * @param minimum the bake time the next link's policy asks for
 * @param done how long it has baked, at most {@code minimum}
 * @param left what is still needed, zero once baked
 */
public record Bake(Duration minimum, Duration done, Duration left) {

  /**
   * @param completedAt when the release's rollout completed in the environment, or null when it has
   *     not run there (nothing baked yet)
   */
  public static Bake of(Instant completedAt, Duration minimum, Instant now) {
    Duration baked = completedAt == null ? Duration.ZERO : Duration.between(completedAt, now);
    if (baked.isNegative()) {
      baked = Duration.ZERO;
    }
    Duration done = baked.compareTo(minimum) > 0 ? minimum : baked;
    return new Bake(minimum, done, minimum.minus(done));
  }

  public boolean complete() {
    return left.isZero();
  }

  /** No bake time is required at all. */
  public boolean none() {
    return minimum.isZero();
  }
}
