package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what runs in the environments where Baton has recorded no deployment of an app. The cluster
 * is asked only there: once an environment has a deployment, drift covers it.
 */
final class UnrecordedImagesReader {
  /** How long a board reuses an earlier reading instead of asking the cluster again. */
  static final Duration REUSE = Duration.ofSeconds(30);

  /** Registered releases compared with what runs, newest first. */
  static final int RELEASES_COMPARED = 100;

  private record Seen(Instant at, Optional<UnrecordedImages> images) {}

  private final PipelinePorts ports;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  UnrecordedImagesReader(PipelinePorts ports) {
    this.ports = ports;
  }

  /** A fresh reading; empty when a deployment is recorded or nothing runs. Throws when unread. */
  Optional<UnrecordedImages> read(AppDefinition app, EnvironmentDefinition env) {
    if (recorded(app, env)) {
      return Optional.empty();
    }
    Optional<UnrecordedImages> found = observe(app, env, Map.of());
    seen.put(key(app, env), new Seen(ports.clock().instant(), found));
    return found;
  }

  /**
   * What a deployment of {@code digests} is about to replace, read just before it changes anything;
   * workloads that already run the deployment's digest are left out.
   */
  Optional<UnrecordedImages> replacedBy(
      AppDefinition app, EnvironmentDefinition env, Map<String, String> digests) {
    return observe(app, env, digests);
  }

  /**
   * For boards: every environment of the chain without a recorded deployment where something runs.
   * A reading younger than {@link #REUSE} is reused; an unreadable cluster is left out.
   */
  Map<String, UnrecordedImages> recent(AppDefinition app) {
    Instant now = ports.clock().instant();
    Map<String, UnrecordedImages> out = new LinkedHashMap<>();
    for (EnvironmentDefinition env : ports.pipeline().environments()) {
      if (recorded(app, env)) {
        continue;
      }
      Seen s = seen.get(key(app, env));
      if (s == null || !s.at().plus(REUSE).isAfter(now)) {
        Optional<UnrecordedImages> found;
        try {
          found = observe(app, env, Map.of());
        } catch (PortException e) {
          found = Optional.empty(); // the state API says why; a board stays quiet
        }
        s = new Seen(now, found);
        seen.put(key(app, env), s);
      }
      s.images().ifPresent(u -> out.put(env.name(), u));
    }
    return out;
  }

  private boolean recorded(AppDefinition app, EnvironmentDefinition env) {
    return ports.store().read(r -> r.currentDeployment(app.name(), env.name())).isPresent();
  }

  private Optional<UnrecordedImages> observe(
      AppDefinition app, EnvironmentDefinition env, Map<String, String> except) {
    var running = ports.cluster().running(env, app);
    if (running.isEmpty()) {
      return Optional.empty();
    }
    List<Release> releases = ports.store().read(r -> r.releases(app.name(), RELEASES_COMPARED));
    return from(app, env.name(), running, except, releases);
  }

  /**
   * What runs, from the cluster's answer; empty when no workload of the app runs there. Workloads
   * already running {@code except}'s digest are left out (a deployment that is replacing them).
   */
  static Optional<UnrecordedImages> from(
      AppDefinition app,
      String env,
      Map<String, RunningWorkload> running,
      Map<String, String> except,
      List<Release> releases) {
    Map<String, String> images = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (Workload w : app.workloads()) {
      RunningWorkload r = running.get(w.name());
      if (r == null || r.image() == null) {
        continue;
      }
      if (r.digest() != null && r.digest().equals(except.get(w.name()))) {
        continue;
      }
      images.put(w.name(), r.image());
      digests.put(w.name(), r.digest());
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    String known =
        releases.stream()
            .filter(rel -> rel.digests().equals(digests))
            .map(Release::tag)
            .findFirst()
            .orElse(null);
    return Optional.of(new UnrecordedImages(app.name(), env, images, known));
  }

  private static String key(AppDefinition app, EnvironmentDefinition env) {
    return app.name() + "/" + env.name();
  }
}
