package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.port.PortException;
import java.time.Duration;
import java.util.Optional;

/**
 * Confirms that the environment runs exactly the release, then writes the inventory row and
 * SUCCEEDED in one write. A cluster that cannot be read now is looked at again later; one that
 * refuses for good fails the promotion.
 */
final class RecordDeployment implements PromotionStep {
  private final PipelinePorts ports;
  private final PromotionEnd end;
  private final Duration retryAfter;

  RecordDeployment(PipelinePorts ports, PromotionEnd end, Duration retryAfter) {
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
    Optional<String> problem;
    try {
      problem = RunningCheck.differences(ports, c.promotion(), c.promotion().digests());
    } catch (PortException e) {
      if (!e.retryable()) {
        // no access, no configuration: waiting would hide it; fail and say why
        return new StepOutcome.Failed("could not confirm what runs: " + e.getMessage(), false);
      }
      return new StepOutcome.Waiting("could not read what runs: " + e.getMessage(), retryAfter);
    }
    if (problem.isPresent()) {
      return new StepOutcome.Failed(problem.get(), false);
    }
    return new StepOutcome.Ended(end.succeed(c.promotion()));
  }
}
