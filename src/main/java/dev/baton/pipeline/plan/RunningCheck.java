package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Promotion;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the environment runs before a promotion ends: a workload changed behind Baton's back
 * (for example while its runner was down) must not be recorded as deployed.
 */
final class RunningCheck {
  private RunningCheck() {}

  /** Empty when the environment runs exactly {@code digests}, healthy; else what differs. */
  static Optional<String> differences(
      PipelinePorts ports, Promotion p, Map<String, String> digests) {
    Verdict verdict =
        PromotionGuards.sourceRunsExactly(
            p.env(), digests, ports.cluster().running(ports.env(p.env()), ports.app(p.app())));
    if (verdict instanceof Verdict.Denied d) {
      return Optional.of(d.reason() + " (changed outside Baton)");
    }
    return Optional.empty();
  }
}
