package dev.baton.testing;

import dev.baton.pipeline.model.Lease;
import java.time.Instant;

/**
 * A {@link Lease} of lane {@code credreg/prod} for promotion {@code p1}, held by {@code
 * baton-1#boot-a} until 30 s after {@link Builders#NOW}.
 */
public final class LeaseBuilder {
  private String lane = "credreg/prod";
  private String promotionId = "p1";
  private String owner = "baton-1#boot-a";
  private Instant expiresAt = Builders.NOW.plusSeconds(30);
  private boolean handedOver;

  LeaseBuilder() {}

  public LeaseBuilder onLane(String value) {
    lane = value;
    return this;
  }

  public LeaseBuilder of(String value) {
    promotionId = value;
    return this;
  }

  /** The holder: {@code instanceId + "#" + bootId}. */
  public LeaseBuilder heldBy(String value) {
    owner = value;
    return this;
  }

  public LeaseBuilder expiresAt(Instant value) {
    expiresAt = value;
    return this;
  }

  /** Released by its holder as it stopped. */
  public LeaseBuilder handedOver() {
    handedOver = true;
    return this;
  }

  public Lease build() {
    return new Lease(lane, promotionId, owner, expiresAt, handedOver);
  }
}
