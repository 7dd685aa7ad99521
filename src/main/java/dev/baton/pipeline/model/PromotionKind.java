package dev.baton.pipeline.model;

/** Why a promotion exists. */
public enum PromotionKind {
  /** A new build deployed to the first link because its policy auto-deploys. */
  AUTO_DEPLOY,
  /** A release carried from the source link to the next one. */
  PROMOTION,
  /** A release that already ran in the environment put back, by a person. */
  ROLLBACK;

  public DeploymentKind deploymentKind() {
    return switch (this) {
      case AUTO_DEPLOY -> DeploymentKind.AUTO;
      case PROMOTION -> DeploymentKind.PROMOTION;
      case ROLLBACK -> DeploymentKind.ROLLBACK;
    };
  }
}
