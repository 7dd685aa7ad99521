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
 * @param health how long the checks held, when the source link is metric-gated ({@code
 *     analysis.bake: true}); null otherwise
 */
public record Bake(Duration minimum, Duration done, Duration left, BakeHealthView health) {

  public Bake(Duration minimum, Duration done, Duration left) {
    this(minimum, done, left, null);
  }

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

  /** Baked long enough, and healthy for long enough where the source is metric-gated. */
  public boolean complete() {
    return left.isZero() && (health == null || health.complete());
  }

  /** The same bake with the source's health. */
  public Bake withHealth(BakeHealthView h) {
    return new Bake(minimum, done, left, h);
  }

  /** No bake time is required at all. */
  public boolean none() {
    return minimum.isZero();
  }
}
