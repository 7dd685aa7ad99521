package dev.baton.testing;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.WakeUp;
import java.time.Instant;

/** A {@link WakeUp} to start promotion {@code p1} at {@link Builders#NOW}. */
public final class WakeUpBuilder {
  private String promotionId = "p1";
  private WakeUp.Kind kind = WakeUp.Kind.START;
  private Instant at = Builders.NOW;

  WakeUpBuilder() {}

  public WakeUpBuilder of(String value) {
    promotionId = value;
    return this;
  }

  public WakeUpBuilder of(Promotion p) {
    return of(p.id());
  }

  public WakeUpBuilder kind(WakeUp.Kind value) {
    kind = value;
    return this;
  }

  public WakeUpBuilder at(Instant value) {
    at = value;
    return this;
  }

  public WakeUp build() {
    return new WakeUp(promotionId, kind, at);
  }
}
