package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.ManifestRepository.Head;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the three sources of a GitOps environment ({@link ThreeWayDrift}): the store's current
 * deployment, the branch head, the cluster. A read that fails is recorded as unknown, with the
 * adapter's message (which never holds a secret).
 */
public final class DriftReads {
  /** How long a board reuses an earlier reading instead of asking Git and the cluster again. */
  static final Duration REUSE = Duration.ofSeconds(30);

  private record Seen(Instant at, ThreeWayDrift drift) {}

  private final PipelinePorts ports;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  public DriftReads(PipelinePorts ports) {
    this.ports = ports;
  }

  /**
   * For boards: the drift of every GitOps environment of the chain, by environment, in chain order;
   * a reading younger than {@link #REUSE} is reused.
   */
  public Map<String, ThreeWayDrift> recent(AppDefinition app) {
    Instant now = ports.clock().instant();
    Map<String, ThreeWayDrift> out = new LinkedHashMap<>();
    for (EnvironmentDefinition env : ports.pipeline().environments()) {
      if (!env.gitops()) {
        continue;
      }
      String key = app.name() + "/" + env.name();
      Seen s = seen.get(key);
      if (s == null || !s.at().plus(REUSE).isAfter(now)) {
        s = new Seen(now, of(env, app).orElseThrow());
        seen.put(key, s);
      }
      out.put(env.name(), s.drift());
    }
    return out;
  }

  /** The three-way view of {@code app} in {@code env}, read now; empty when not GitOps. */
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
    ThreeWayDrift drift =
        ThreeWayDrift.of(env.name(), app, inventory, head, gitError, running, clusterError);
    seen.put(app.name() + "/" + env.name(), new Seen(ports.clock().instant(), drift));
    return drift;
  }
}
