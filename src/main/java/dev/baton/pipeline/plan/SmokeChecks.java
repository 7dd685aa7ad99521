package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.SmokeCheck;
import java.util.List;

/** The environment's HTTP smoke checks pass against the new pods. */
final class SmokeChecks implements PromotionStep {
  private final PipelinePorts ports;

  SmokeChecks(PipelinePorts ports) {
    this.ports = ports;
  }

  @Override
  public boolean abandonable() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    List<SmokeCheck> checks = c.app().smokeChecksFor(c.env().name());
    if (checks.isEmpty()) {
      return StepOutcome.skipped("no smoke checks for " + c.env().name());
    }
    for (SmokeCheck check : checks) {
      ports.smoke().check(check, c.release());
    }
    return StepOutcome.done(checks.size() + " smoke checks passed");
  }
}
