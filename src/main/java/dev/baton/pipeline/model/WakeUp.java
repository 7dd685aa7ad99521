package dev.baton.pipeline.model;

import java.time.Instant;

/**
 * A persisted "look at this promotion again at {@code at}", written in the same transaction as the
 * decision that needs it, so that a restarted process or another replica honours it. One per
 * (promotion, kind); writing it again moves it.
 */
public record WakeUp(String promotionId, Kind kind, Instant at) {
  /** What is due at the wake-up. */
  public enum Kind {
    /** An approved promotion may start: bake time over, freeze ended, window opened. */
    START,
    /** A promotion waiting for approval reaches its time-to-live and expires. */
    EXPIRE,
    /** The approvers still able to act are reminded of a request. */
    REMIND,
    /** A running step asked to be looked at again. */
    STEP
  }

  /** The key the store keeps it under. */
  public String id() {
    return kind.name() + ":" + promotionId;
  }
}
