package dev.baton.pipeline;

import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.view.ApprovalStatus;

/**
 * What a promotion request did.
 *
 * @param created this request opened the promotion; false when the same release was already
 *     requested (the open promotion is returned unchanged)
 * @param approvals its approvals have / need and who can still give them
 */
public record Requested(Promotion promotion, boolean created, ApprovalStatus approvals) {
  public int approvalsHave() {
    return approvals.have();
  }

  public int approvalsNeed() {
    return approvals.need();
  }

  public Principals eligibleApprovers() {
    return approvals.eligible();
  }
}
