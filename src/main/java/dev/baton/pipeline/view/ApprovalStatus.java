package dev.baton.pipeline.view;

import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A promotion's approvals: how many it has and needs, who gave them, and who may still give one.
 *
 * @param given the approvals so far, in approval order
 * @param eligible the policy's approvers who can still act: without the requester when
 *     self-approval is forbidden, without those who already approved. Groups stay groups (their
 *     members are not listed), so a group's member who approved is still inside it.
 * @param requesterExcluded the requester is one of the approvers the policy does not let act
 */
public record ApprovalStatus(
    int have, int need, List<Approval> given, Principals eligible, boolean requesterExcluded) {
  public ApprovalStatus {
    given = List.copyOf(given);
  }

  /** Computes the status from the environment's policy and the approvals recorded. */
  public static ApprovalStatus of(EnvironmentPolicy policy, Promotion p, List<Approval> given) {
    Principals approvers = policy.approversOf(p); // the break-glass approvers for break-glass
    Set<String> users = new HashSet<>(approvers.users());
    boolean excluded = policy.selfApprovalForbiddenFor(p) && users.remove(p.requester());
    given.forEach(a -> users.remove(a.approver()));
    return new ApprovalStatus(
        given.size(),
        policy.approvalsFor(p),
        given,
        new Principals(users, approvers.groups()),
        excluded);
  }

  public int missing() {
    return Math.max(0, need - have);
  }

  /**
   * False when the approvers left cannot give the approvals still missing: no group is listed and
   * fewer users than approvals missing remain. A group may hold anyone, so a listed group counts as
   * enough.
   */
  public boolean enoughEligible() {
    return missing() == 0 || !eligible.groups().isEmpty() || eligible.users().size() >= missing();
  }

  /** Whether {@code user} already approved. */
  public boolean approvedBy(String user) {
    return given.stream().anyMatch(a -> a.approver().equals(user));
  }
}
