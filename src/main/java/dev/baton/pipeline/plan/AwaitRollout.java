package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.RolloutProgress;

/**
 * Every rollout complete by the rules of {@code kubectl rollout status}: of the promotion's
 * release, or for the auto-rollback of the release put back.
 */
final class AwaitRollout implements PromotionStep {
  private final PipelinePorts ports;
  private final boolean restoring;

  AwaitRollout(PipelinePorts ports, boolean restoring) {
    this.ports = ports;
    this.restoring = restoring;
  }

  @Override
  public boolean abandonable() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    Release release = restoring ? c.previous() : c.release();
    if (c.env().gitops()) {
      StepOutcome notYet = new GitOpsSteps(ports).awaitSync(c, release, restoring);
      if (notYet != null) {
        return notYet;
      }
    }
    for (Workload w : c.app().workloads()) {
      ports
          .cluster()
          .awaitRollout(
              c.env(),
              w,
              w.imageAt(release.digests().get(w.name())),
              (RolloutProgress r) -> c.progress().accept(describe(r)));
    }
    return StepOutcome.done("rollout complete for " + c.app().workloads().size() + " workloads");
  }

  static String describe(RolloutProgress r) {
    return r.workload()
        + ": "
        + r.updated()
        + "/"
        + r.desired()
        + " updated, "
        + r.available()
        + "/"
        + r.desired()
        + " available";
  }
}
