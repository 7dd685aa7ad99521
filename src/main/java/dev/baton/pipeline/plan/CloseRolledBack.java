package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PortException;
import java.time.Duration;
import java.util.Optional;

/**
 * After a successful auto-rollback: confirms that the environment runs the previous release again,
 * then closes the promotion as ROLLED_BACK. When something else runs, it closes FAILED and says
 * what runs.
 */
final class CloseRolledBack implements PromotionStep {
  private final PipelinePorts ports;
  private final PromotionEnd end;
  private final Duration retryAfter;

  CloseRolledBack(PipelinePorts ports, PromotionEnd end, Duration retryAfter) {
    this.ports = ports;
    this.end = end;
    this.retryAfter = retryAfter;
  }

  @Override
  public boolean closes() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    Promotion p = c.promotion();
    Optional<String> problem;
    try {
      problem = RunningCheck.differences(ports, p, c.previous().digests());
    } catch (PortException e) {
      if (!e.retryable()) {
        return ended(p, PromotionState.FAILED, p.reason() + "; then " + e.getMessage());
      }
      return new StepOutcome.Waiting("could not read what runs: " + e.getMessage(), retryAfter);
    }
    if (problem.isPresent()) {
      return ended(
          p, PromotionState.FAILED, p.reason() + "; after the auto-rollback " + problem.get());
    }
    return ended(p, PromotionState.ROLLED_BACK, p.reason());
  }

  private StepOutcome ended(Promotion p, PromotionState state, String reason) {
    return new StepOutcome.Ended(end.close(p, state, reason));
  }
}
