package dev.baton.pipeline.model;

import java.time.Instant;

/**
 * Environment {@code env} is frozen: promotions and auto-deploys into it wait; rollbacks do not.
 *
 * @param until end of the freeze, or null for "until someone unfreezes it"
 */
public record Freeze(String env, String frozenBy, String reason, Instant frozenAt, Instant until) {
  public boolean activeAt(Instant now) {
    return until == null || now.isBefore(until);
  }
}
