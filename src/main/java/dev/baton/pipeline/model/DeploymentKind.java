package dev.baton.pipeline.model;

/** How a release came to run in an environment. */
public enum DeploymentKind {
  /** Deployed automatically when the build was registered (first link only). */
  AUTO,
  /** Promoted from the previous link of the chain. */
  PROMOTION,
  /** Put back by a rollback (explicit or automatic). */
  ROLLBACK
}
