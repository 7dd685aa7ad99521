package dev.baton.pipeline.port;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;

/** What happened, told to people after the change is committed. */
public sealed interface PipelineEvent {
  /** A new release was registered by CI. */
  record ReleaseRegistered(Release release) implements PipelineEvent {}

  /** A promotion changed state (requested, approved, started, ended). */
  record PromotionChanged(Promotion promotion, String actor, String message)
      implements PipelineEvent {}

  /** Someone approved; more approvals may still be missing. */
  record ApprovalAdded(Promotion promotion, String approver, int approvals, int required)
      implements PipelineEvent {}

  /** A step of a running promotion started, progressed or ended. */
  record StepChanged(Promotion promotion, Step step, String message) implements PipelineEvent {}

  /** An environment was frozen or unfrozen. */
  record FreezeChanged(String env, boolean frozen, String actor, String reason)
      implements PipelineEvent {}
}
