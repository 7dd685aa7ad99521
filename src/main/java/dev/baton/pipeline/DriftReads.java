package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.ManifestRepository.Head;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the three sources of a GitOps environment ({@link ThreeWayDrift}): the store's current
 * deployment, the branch head, the cluster. A read that fails is recorded as unknown, with the
 * adapter's message (which never holds a secret).
 */
public final class DriftReads {
  private final PipelinePorts ports;

  public DriftReads(PipelinePorts ports) {
    this.ports = ports;
  }

  /** The three-way view of {@code app} in {@code env}; empty when {@code env} is not GitOps. */
  public Optional<ThreeWayDrift> of(EnvironmentDefinition env, AppDefinition app) {
    if (!env.gitops()) {
      return Optional.empty();
    }
    Map<String, RunningWorkload> running = null;
    String clusterError = null;
    try {
      running = ports.cluster().running(env, app);
    } catch (PortException e) {
      clusterError = e.getMessage();
    }
    return Optional.of(withRunning(env, app, running, clusterError));
  }

  /** The same, with what the cluster runs already read by the caller. */
  ThreeWayDrift withRunning(
      EnvironmentDefinition env,
      AppDefinition app,
      Map<String, RunningWorkload> running,
      String clusterError) {
    Optional<Deployment> inventory =
        ports.store().read(r -> r.currentDeployment(app.name(), env.name()));
    Head head = null;
    String gitError = null;
    try {
      head = ports.manifests().head(env, app);
    } catch (PortException e) {
      gitError = e.getMessage();
    }
    return ThreeWayDrift.of(env.name(), app, inventory, head, gitError, running, clusterError);
  }
}
