package dev.baton.pipeline;

import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.util.Map;

/** Which release a promotion request carries: what runs in the source link, or the newest build. */
final class ReleaseChoice {
  private final PipelinePorts ports;
  private final DriftReads drifts;

  ReleaseChoice(PipelinePorts ports) {
    this.ports = ports;
    this.drifts = new DriftReads(ports);
  }

  /** The release the source link runs, checked against the cluster (invariant 2). */
  Release runningIn(AppDefinition app, EnvironmentDefinition source, String tag) {
    Deployment current =
        ports
            .store()
            .read(r -> r.currentDeployment(app.name(), source.name()))
            .orElseThrow(
                () -> Refusal.notNow("nothing has been deployed to " + source.name() + " yet"));
    if (tag != null && !tag.equals(current.releaseTag())) {
      throw Refusal.conflict(
          source.name()
              + " runs "
              + current.releaseTag()
              + ", not "
              + tag
              + "; only what runs there can be promoted");
    }
    Map<String, RunningWorkload> running;
    try {
      running = ports.cluster().running(source, app);
    } catch (PortException e) {
      throw Refusal.unavailable(
          "could not read what runs in " + source.name() + ": " + e.getMessage());
    }
    Verdict v = PromotionGuards.sourceRunsExactly(source.name(), current.digests(), running);
    if (v instanceof Verdict.Denied d) {
      throw Refusal.notNow(
          "Refused: " + d.reason() + ". Baton expected " + current.releaseTag() + ".");
    }
    if (source.gitops()) {
      refuseWhenGitDisagrees(app, source, running, current);
    }
    return ports.store().read(r -> r.release(app.name(), current.releaseTag())).orElseThrow();
  }

  /** A GitOps source link whose branch head names something else than its cluster runs is stale. */
  private void refuseWhenGitDisagrees(
      AppDefinition app,
      EnvironmentDefinition source,
      Map<String, RunningWorkload> running,
      Deployment current) {
    ThreeWayDrift drift = drifts.withRunning(source, app, running, null);
    if (drift.kind().unknown()) {
      throw Refusal.unavailable(
          "could not read what Git holds for " + source.name() + ": " + drift.gitError());
    }
    if (drift.kind().gitAndClusterMayDisagree()) {
      throw Refusal.notNow(
          "Refused: "
              + StaleReasons.gitDisagrees(drift)
              + ". Baton expected "
              + current.releaseTag()
              + ".");
    }
  }

  Release newest(AppDefinition app, String tag) {
    if (tag != null) {
      return ports
          .store()
          .read(r -> r.release(app.name(), tag))
          .orElseThrow(
              () ->
                  Refusal.notFound("release " + tag + " of " + app.name() + " is not registered"));
    }
    return ports.store().read(r -> r.releases(app.name(), 1)).stream()
        .findFirst()
        .orElseThrow(() -> Refusal.notNow("no release of " + app.name() + " is registered yet"));
  }
}
