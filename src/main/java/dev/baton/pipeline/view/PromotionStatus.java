package dev.baton.pipeline.view;

import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;

/**
 * What the core says about one promotion at one moment, for every surface alike.
 *
 * @param bake the release's bake in the source link, null when the promotion has no source or the
 *     environment needs no bake time
 * @param freeze the environment's active freeze, or null
 * @param lastEnv the promotion's environment is the last of the chain
 * @param nextEnv the link after the promotion's environment, null for the last
 * @param current the promotion succeeded and its deployment is the environment's current one
 * @param windowWait why the environment's schedule holds the start now (outside its windows, in a
 *     blackout; the reason names the opening), or null when it does not
 */
public record PromotionStatus(
    Promotion promotion,
    ApprovalStatus approvals,
    Bake bake,
    Freeze freeze,
    boolean lastEnv,
    String nextEnv,
    boolean current,
    String windowWait) {
  /** A status with no window holding the start. */
  public PromotionStatus(
      Promotion promotion,
      ApprovalStatus approvals,
      Bake bake,
      Freeze freeze,
      boolean lastEnv,
      String nextEnv,
      boolean current) {
    this(promotion, approvals, bake, freeze, lastEnv, nextEnv, current, null);
  }
}
