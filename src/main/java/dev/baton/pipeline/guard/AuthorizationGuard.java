package dev.baton.pipeline.guard;

import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.Directory;

/** Who may do what in an environment, by its policy. */
public final class AuthorizationGuard {
  private final Directory directory;

  public AuthorizationGuard(Directory directory) {
    this.directory = directory;
  }

  /** Requesting promotions and rollbacks, freezing: deployers (anyone if none listed) or admins. */
  public Verdict mayDeploy(EnvironmentDefinition env, String user) {
    var policy = env.policy();
    if (policy.deployers().isEmpty()
        || isIn(user, policy.deployers())
        || isIn(user, policy.admins())) {
      return Verdict.ALLOWED;
    }
    return Verdict.deny(
        Code.NOT_ALLOWED, "only deployers or admins of " + env.name() + " may do that");
  }

  /** Approving and rejecting: listed approvers, never the requester when the policy says so. */
  public Verdict mayApprove(EnvironmentDefinition env, String user, String requester) {
    var policy = env.policy();
    if (!isIn(user, policy.approvers())) {
      return Verdict.deny(Code.NOT_ALLOWED, "only approvers of " + env.name() + " may approve");
    }
    if (policy.selfApprovalForbidden() && user.equals(requester)) {
      return Verdict.deny(
          Code.NOT_ALLOWED,
          "you requested this promotion; " + env.name() + " needs approval from someone else");
    }
    return Verdict.ALLOWED;
  }

  /**
   * Requesting a break-glass promotion: the deployers of the environment (anyone if none listed)
   * and its admins, as for any promotion, and only where break-glass approvers are configured.
   */
  public Verdict mayBreakGlass(EnvironmentDefinition env, String user) {
    if (env.policy().breakGlassApprovers().isEmpty()) {
      return Verdict.deny(
          Code.NOT_ALLOWED,
          env.name() + " has no break-glass approvers (policy.break-glass-approvers)");
    }
    return mayDeploy(env, user);
  }

  /**
   * Approving or rejecting this promotion: for a break-glass one, the listed break-glass approvers
   * and never its requester; otherwise {@link #mayApprove(EnvironmentDefinition, String, String)}.
   */
  public Verdict mayApprove(EnvironmentDefinition env, String user, Promotion p) {
    if (!p.breaksGlass()) {
      return mayApprove(env, user, p.requester());
    }
    if (!isIn(user, env.policy().breakGlassApprovers())) {
      return Verdict.deny(
          Code.NOT_ALLOWED,
          "only break-glass approvers of " + env.name() + " may approve a break-glass promotion");
    }
    if (user.equals(p.requester())) {
      return Verdict.deny(
          Code.NOT_ALLOWED,
          "you requested this break-glass promotion; it needs approval from someone else");
    }
    return Verdict.ALLOWED;
  }

  /** Unfreezing: admins, or deployers when the environment lists no admins. */
  public Verdict mayUnfreeze(EnvironmentDefinition env, String user) {
    var policy = env.policy();
    if (isIn(user, policy.admins())) {
      return Verdict.ALLOWED;
    }
    if (policy.admins().isEmpty()) {
      return mayDeploy(env, user);
    }
    return Verdict.deny(Code.NOT_ALLOWED, "only admins of " + env.name() + " may unfreeze it");
  }

  public boolean isIn(String user, Principals principals) {
    if (principals.users().contains(user)) {
      return true;
    }
    for (String group : principals.groups()) {
      if (directory.isMember(user, group)) {
        return true;
      }
    }
    return false;
  }
}
