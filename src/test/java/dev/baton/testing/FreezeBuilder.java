package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Freeze;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Freeze} of prod by {@link Fixtures#ADMIN} for "incident" at {@link Builders#NOW}, until
 * someone unfreezes it.
 */
public final class FreezeBuilder {
  private String env = "prod";
  private String frozenBy = Fixtures.ADMIN;
  private String reason = "incident";
  private Instant frozenAt = Builders.NOW;
  private Instant until;

  FreezeBuilder() {}

  public FreezeBuilder of(String value) {
    env = value;
    return this;
  }

  public FreezeBuilder by(String value) {
    frozenBy = value;
    return this;
  }

  /** The reason; null or blank for none. */
  public FreezeBuilder because(String value) {
    reason = value;
    return this;
  }

  public FreezeBuilder at(Instant value) {
    frozenAt = value;
    return this;
  }

  /** When it ends; null (the default) for "until someone unfreezes it". */
  public FreezeBuilder until(Instant value) {
    until = value;
    return this;
  }

  /** Ends {@code d} after it was frozen. */
  public FreezeBuilder lasting(Duration d) {
    return until(frozenAt.plus(d));
  }

  public Freeze build() {
    return new Freeze(env, frozenBy, reason, frozenAt, until);
  }
}
