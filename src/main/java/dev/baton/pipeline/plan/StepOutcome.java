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

  /**
   * Still running: look again after {@code lookAgainAfter} (a persisted wake-up). {@code waitsFor}
   * is what it waits for, without what changes on every look (elapsed time, time left): the runner
   * records a wait, in the step records and the audit log, only when that changes, so that a step
   * polled every second for ten minutes leaves one entry, not six hundred. {@code detail} is what
   * the thread shows now.
   */
  record Waiting(String detail, Duration lookAgainAfter, String waitsFor) implements StepOutcome {
    /** A wait whose every look is worth recording (its detail says what it achieved). */
    public Waiting(String detail, Duration lookAgainAfter) {
      this(detail, lookAgainAfter, detail);
    }
  }

  /** The step closed the promotion (succeeded, failed or rolled back): nothing follows. */
  record Ended(Promotion promotion) implements StepOutcome {}

  static StepOutcome done(String detail) {
    return new Done(detail);
  }

  static StepOutcome skipped(String detail) {
    return new Skipped(detail);
  }
}
