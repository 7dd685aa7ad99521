package dev.baton.pipeline.model;

import java.time.Instant;

/**
 * Exclusive right of one runner to execute one promotion in one (app, environment) lane, until
 * {@code expiresAt} unless renewed.
 *
 * @param owner the holder: {@code instanceId + "#" + bootId}
 */
public record Lease(String lane, String promotionId, String owner, Instant expiresAt) {
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
