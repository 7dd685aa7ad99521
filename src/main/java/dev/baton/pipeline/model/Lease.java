package dev.baton.pipeline.model;

import java.time.Instant;

/**
 * Exclusive right of one runner to execute one promotion in one (app, environment) lane, until
 * {@code expiresAt} unless renewed.
 *
 * @param owner the holder: {@code instanceId + "#" + bootId}
 * @param handedOver true when the holder released it as it stopped: any runner may take it at once,
 *     and the one that does can say so
 */
public record Lease(
    String lane, String promotionId, String owner, Instant expiresAt, boolean handedOver) {
  public Lease(String lane, String promotionId, String owner, Instant expiresAt) {
    this(lane, promotionId, owner, expiresAt, false);
  }

  public boolean expiredAt(Instant now) {
    return handedOver || !now.isBefore(expiresAt);
  }

  /** The same lease released by its holder at {@code now}. */
  public Lease handOver(Instant now) {
    return new Lease(lane, promotionId, owner, now, true);
  }
}
