package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Workload;
import java.util.Locale;
import java.util.Map;

/**
 * Every workload's image set to {@code repo@sha256:…}: the promotion's release, or for the
 * auto-rollback the release the environment ran before.
 */
final class SetImages implements PromotionStep {
  private final PipelinePorts ports;
  private final boolean restoring;

  SetImages(PipelinePorts ports, boolean restoring) {
    this.ports = ports;
    this.restoring = restoring;
  }

  @Override
  public StepOutcome run(StepContext c) {
    Promotion p = c.promotion();
    Release release = restoring ? c.previous() : c.release();
    if (c.env().gitops()) {
      return new GitOpsSteps(ports).commit(c, release, restoring);
    }
    String what = restoring ? release.tag() + " (auto-rollback)" : release.tag();
    // the release annotation names what the Deployment runs: the previous one after a rollback
    Map<String, String> annotations =
        Map.of(
            "baton.dev/release",
            release.tag(),
            "baton.dev/promotion",
            p.id(),
            "kubernetes.io/change-cause",
            "Baton "
                + p.kind().name().toLowerCase(Locale.ROOT)
                + " of "
                + what
                + " requested by "
                + p.requester()
                + " (promotion "
                + p.id()
                + ")");
    for (Workload w : c.app().workloads()) {
      ports.cluster().setImage(c.env(), w, w.imageAt(release.digests().get(w.name())), annotations);
    }
    return StepOutcome.done(c.app().workloads().size() + " workloads set to " + what);
  }
}
