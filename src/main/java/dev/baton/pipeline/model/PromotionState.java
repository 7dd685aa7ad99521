package dev.baton.pipeline.model;

/** Life cycle of a promotion. The allowed moves between states are in {@link Transitions}. */
public enum PromotionState {
  /** Waiting for the policy's approvals. */
  PENDING_APPROVAL(false, false),
  /** Approved (or needing none); waits for bake time and an unfrozen environment, then runs. */
  APPROVED(false, false),
  /** Executing its steps; holds the (app, environment) lease. */
  RUNNING(false, true),
  /** Every step succeeded; the inventory names this release. */
  SUCCEEDED(true, false),
  /** An approver said no. */
  REJECTED(true, false),
  /** Not approved within the approval time-to-live. */
  EXPIRED(true, false),
  /** Stale (the source changed), superseded, or withdrawn; nothing ran. */
  CANCELLED(true, false),
  /** A step failed; the inventory is untouched. */
  FAILED(true, false),
  /** A step failed and the previous release was restored automatically. */
  ROLLED_BACK(true, false);

  private final boolean terminal;
  private final boolean executing;

  PromotionState(boolean terminal, boolean executing) {
    this.terminal = terminal;
    this.executing = executing;
  }

  /** No transition leaves a terminal state. */
  public boolean terminal() {
    return terminal;
  }

  /** True while steps run against the registry and the cluster. */
  public boolean executing() {
    return executing;
  }
}
