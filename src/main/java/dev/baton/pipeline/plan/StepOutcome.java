package dev.baton.pipeline.plan;

import dev.baton.pipeline.model.Promotion;
import java.time.Duration;

/**
 * What one run of a step achieved. A step that must wait never sleeps: it answers {@link Waiting}
 * and the runner looks again after the given time.
 */
public sealed interface StepOutcome {
  /** The step did its work; the plan moves on. */
  record Done(String detail) implements StepOutcome {}

  /** Nothing to do for this promotion (no migration, no smoke checks); the plan moves on. */
  record Skipped(String detail) implements StepOutcome {}

  /** The step failed; a retryable failure is tried again up to the runner's attempt limit. */
  record Failed(String message, boolean retryable) implements StepOutcome {}

  /** Still running: look again after {@code lookAgainAfter} (a persisted wake-up). */
  record Waiting(String detail, Duration lookAgainAfter) implements StepOutcome {}

  /** The step closed the promotion (succeeded, failed or rolled back): nothing follows. */
  record Ended(Promotion promotion) implements StepOutcome {}

  static StepOutcome done(String detail) {
    return new Done(detail);
  }

  static StepOutcome skipped(String detail) {
    return new Skipped(detail);
  }
}
