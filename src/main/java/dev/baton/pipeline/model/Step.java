package dev.baton.pipeline.model;

/**
 * The persisted steps of a running promotion, in order. Each is idempotent, so a restarted runner
 * repeats the step it was in and carries on. Steps after {@link #RECORD_DEPLOYMENT} only run when
 * an earlier step failed.
 */
public enum Step {
  /** Every image of the release exists in the registry at its digest. */
  VERIFY_IMAGES(false),
  /** Migration Job, when configured to run before the rollout. */
  MIGRATE_BEFORE(false),
  /** Every workload's image set to {@code repo@sha256:…}. */
  SET_IMAGES(false),
  /** Every rollout complete, by the rules of {@code kubectl rollout status}. */
  AWAIT_ROLLOUT(false),
  /** Migration Job, when configured to run after the rollout. */
  MIGRATE_AFTER(false),
  /** The environment's smoke checks pass against the new pods. */
  SMOKE_CHECKS(false),
  /** The environment's metric checks held for the analysis duration (post-deploy analysis). */
  ANALYSIS(false),
  /** The environment's pointer tags moved to the release's digests. */
  MOVE_POINTER_TAGS(false),
  /** Inventory row written; promotion SUCCEEDED. */
  RECORD_DEPLOYMENT(false),
  /** After a failure: pointer tags put back on the current release. */
  RESTORE_POINTER_TAGS(true),
  /** After a failure, with auto-rollback: previous release's images set again. */
  ROLLBACK_SET_IMAGES(true),
  /** After a failure, with auto-rollback: the restoring rollout completes. */
  ROLLBACK_AWAIT_ROLLOUT(true),
  /** After a failure: the promotion is closed as FAILED. */
  CLOSE_FAILED(true),
  /** After a failure and a successful auto-rollback: the promotion is closed as ROLLED_BACK. */
  CLOSE_ROLLED_BACK(true);

  private final boolean recovery;

  Step(boolean recovery) {
    this.recovery = recovery;
  }

  /** True for the steps that undo a failed promotion. */
  public boolean recovery() {
    return recovery;
  }

  /**
   * True for the recovery steps that put back what a failed promotion changed (pointer tags,
   * images): they never give up on a transient error, since stopping half-way would leave the
   * environment different from its inventory.
   */
  public boolean restores() {
    return this == RESTORE_POINTER_TAGS
        || this == ROLLBACK_SET_IMAGES
        || this == ROLLBACK_AWAIT_ROLLOUT;
  }

  /** True once this step may have changed the cluster. */
  public boolean touchesCluster() {
    return ordinal() >= SET_IMAGES.ordinal() && !recovery;
  }
}
