package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Principals;
import java.time.Duration;
import java.util.List;

/**
 * An {@link EnvironmentPolicy} with the defaults of credreg's links: the credreg approvers,
 * deployers and admins ({@link Fixtures#approvers()} …), no approvals, no bake, self-approval
 * forbidden, 24 h to approve, auto-rollback on, no pointer tags, no freeze after rollback, the
 * reminder when a quarter of the time to approve is left.
 */
public final class PolicyBuilder {
  private boolean autoDeploy;
  private int requiredApprovals;
  private Principals approvers = Fixtures.approvers();
  private Principals deployers = Fixtures.deployers();
  private Principals admins = Fixtures.admins();
  private boolean selfApprovalForbidden = true;
  private Duration minimumBake = Duration.ZERO;
  private Duration approvalTtl = Duration.ofHours(24);
  private int rollbackApprovals;
  private boolean autoRollback = true;
  private List<String> pointerTags = List.of();
  private boolean freezeAfterRollback;
  private Duration reminderBefore;
  private int breakGlassApprovals = 1;
  private Principals breakGlassApprovers = Principals.NOBODY;

  PolicyBuilder() {}

  public PolicyBuilder autoDeploy(boolean value) {
    autoDeploy = value;
    return this;
  }

  public PolicyBuilder requiring(int approvals) {
    requiredApprovals = approvals;
    return this;
  }

  public PolicyBuilder approvers(Principals value) {
    approvers = value;
    return this;
  }

  /** Who may request; {@link Principals#NOBODY} means anyone. */
  public PolicyBuilder deployers(Principals value) {
    deployers = value;
    return this;
  }

  public PolicyBuilder admins(Principals value) {
    admins = value;
    return this;
  }

  public PolicyBuilder selfApprovalForbidden(boolean value) {
    selfApprovalForbidden = value;
    return this;
  }

  public PolicyBuilder bake(Duration value) {
    minimumBake = value;
    return this;
  }

  public PolicyBuilder approvalTtl(Duration value) {
    approvalTtl = value;
    return this;
  }

  public PolicyBuilder rollbackApprovals(int value) {
    rollbackApprovals = value;
    return this;
  }

  public PolicyBuilder autoRollback(boolean value) {
    autoRollback = value;
    return this;
  }

  public PolicyBuilder pointerTags(String... tags) {
    pointerTags = List.of(tags);
    return this;
  }

  public PolicyBuilder freezeAfterRollback(boolean value) {
    freezeAfterRollback = value;
    return this;
  }

  /** How long before expiry approvers are reminded; zero for no reminder. */
  public PolicyBuilder reminderBefore(Duration value) {
    reminderBefore = value;
    return this;
  }

  /** Break-glass approvals and who may give them; nobody (the default) means no break-glass. */
  public PolicyBuilder breakGlass(int approvals, Principals approvers) {
    breakGlassApprovals = approvals;
    breakGlassApprovers = approvers;
    return this;
  }

  public EnvironmentPolicy build() {
    return new EnvironmentPolicy(
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
        breakGlassApprovals,
        breakGlassApprovers);
  }
}
