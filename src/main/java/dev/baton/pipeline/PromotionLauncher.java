package dev.baton.pipeline;

/** Starts (or resumes) the execution of an approved promotion, asynchronously. */
@FunctionalInterface
public interface PromotionLauncher {
  void launch(String promotionId);
}
