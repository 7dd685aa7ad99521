package dev.baton.pipeline.model;

import java.time.Duration;
import java.util.List;

/**
 * The rules of one environment.
 *
 * @param autoDeploy deploy every registered build automatically (first link only)
 * @param requiredApprovals distinct approvers needed for a promotion into this environment
 * @param approvers who may approve or reject
 * @param deployers who may request promotions and rollbacks and freeze; empty means anyone
 * @param admins who may do all of that and unfreeze
 * @param selfApprovalForbidden the requester's own approval never counts
 * @param minimumBake time the release must have run in the source link, from its rollout's end
 * @param approvalTtl a promotion not approved within this time expires
 * @param rollbackApprovals approvals a rollback into this environment needs
 * @param autoRollback after a failed step, put the previous release back
 * @param pointerTags tags moved to the release's digests after success (e.g. {@code prod})
 * @param freezeAfterRollback freeze the environment after a rollback succeeds
 * @param reminderBefore how long before a request expires its approvers are reminded; zero for no
 *     reminder
 * @param breakGlassApprovals distinct approvals a break-glass promotion into this environment needs
 *     (at least 1), instead of {@code requiredApprovals}
 * @param breakGlassApprovers who may approve a break-glass promotion; never its requester. Empty
 *     means break-glass is not available here
 */
public record EnvironmentPolicy(
    boolean autoDeploy,
    int requiredApprovals,
    Principals approvers,
    Principals deployers,
    Principals admins,
    boolean selfApprovalForbidden,
    Duration minimumBake,
    Duration approvalTtl,
    int rollbackApprovals,
    boolean autoRollback,
    List<String> pointerTags,
    boolean freezeAfterRollback,
    Duration reminderBefore,
    int breakGlassApprovals,
    Principals breakGlassApprovers) {
  public EnvironmentPolicy {
    pointerTags = List.copyOf(pointerTags);
    if (reminderBefore == null) {
      reminderBefore = approvalTtl == null ? Duration.ZERO : approvalTtl.dividedBy(4);
    }
    breakGlassApprovers = breakGlassApprovers == null ? Principals.NOBODY : breakGlassApprovers;
  }

  /** A policy without break-glass approvers: break-glass is not available. */
  public EnvironmentPolicy(
      boolean autoDeploy,
      int requiredApprovals,
      Principals approvers,
      Principals deployers,
      Principals admins,
      boolean selfApprovalForbidden,
      Duration minimumBake,
      Duration approvalTtl,
      int rollbackApprovals,
      boolean autoRollback,
      List<String> pointerTags,
      boolean freezeAfterRollback,
      Duration reminderBefore) {
    this(
        autoDeploy,
        requiredApprovals,
        approvers,
        deployers,
        admins,
        selfApprovalForbidden,
        minimumBake,
        approvalTtl,
        rollbackApprovals,
        autoRollback,
        pointerTags,
        freezeAfterRollback,
        reminderBefore,
        1,
        Principals.NOBODY);
  }

  /** A policy whose reminder comes when a quarter of the approval time-to-live is left. */
  public EnvironmentPolicy(
      boolean autoDeploy,
      int requiredApprovals,
      Principals approvers,
      Principals deployers,
      Principals admins,
      boolean selfApprovalForbidden,
      Duration minimumBake,
      Duration approvalTtl,
      int rollbackApprovals,
      boolean autoRollback,
      List<String> pointerTags,
      boolean freezeAfterRollback) {
    this(
        autoDeploy,
        requiredApprovals,
        approvers,
        deployers,
        admins,
        selfApprovalForbidden,
        minimumBake,
        approvalTtl,
        rollbackApprovals,
        autoRollback,
        pointerTags,
        freezeAfterRollback,
        null);
  }

  /** Approvals a promotion of this kind needs here: none for auto-deploys. */
  public int approvalsFor(PromotionKind kind) {
    return switch (kind) {
      case AUTO_DEPLOY -> 0;
      case PROMOTION -> requiredApprovals;
      case ROLLBACK -> rollbackApprovals;
    };
  }

  /** Approvals this promotion needs: its own count for a break-glass one. */
  public int approvalsFor(Promotion p) {
    return p.breaksGlass() ? breakGlassApprovals : approvalsFor(p.kind());
  }

  /** Who may approve this promotion: the break-glass approvers for a break-glass one. */
  public Principals approversOf(Promotion p) {
    return p.breaksGlass() ? breakGlassApprovers : approvers;
  }

  /** A break-glass promotion is never approved by its requester, whatever the policy says. */
  public boolean selfApprovalForbiddenFor(Promotion p) {
    return p.breaksGlass() || selfApprovalForbidden;
  }
}
