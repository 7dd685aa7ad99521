package dev.baton.pipeline;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.view.ApprovalStatus;

/** What an approval click did. */
public sealed interface ApprovalOutcome {
  Promotion promotion();

  /** The approval was the last one needed: the promotion is approved and starts when it may. */
  record Approved(Promotion promotion, ApprovalStatus approvals) implements ApprovalOutcome {}

  /** The approval is recorded; more are needed. */
  record ApprovalAdded(Promotion promotion, ApprovalStatus approvals) implements ApprovalOutcome {}

  /**
   * The source link no longer runs the release: Baton cancelled the promotion instead of counting
   * the approval ({@code promotion().reason()} says what runs there now).
   */
  record CancelledStale(Promotion promotion) implements ApprovalOutcome {}

  /** The approval time had passed: Baton expired the request; the approval did not count. */
  record Expired(Promotion promotion) implements ApprovalOutcome {}
}
