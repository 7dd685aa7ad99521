package dev.baton.cluster;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The credreg app as the cluster tests deploy it, and adapters wired to a {@link MockApi}. */
final class ClusterFixtures {
  static final Workload MAIN = new Workload("main-app", "main-app", "app", "credreg/main-app");
  static final Workload WORKER =
      new Workload("worker-app", "worker-app", "worker", "credreg/worker-app");

  private ClusterFixtures() {}

  static String image(Workload w, String seed) {
    return w.imageAt(Fixtures.digest(seed));
  }

  static Migration migration(Migration.Phase phase) {
    return new Migration(
        "main-app",
        phase,
        List.of("bin/migrate", "--apply"),
        Map.of("MIGRATION_MODE", "strict", "DATABASE_URL", "postgres://db/migrator"),
        true,
        null,
        2,
        Duration.ofMinutes(5));
  }

  static AppDefinition app(Migration migration) {
    return new AppDefinition(
        "credreg", List.of(MAIN, WORKER), "default", migration, List.of(), null);
  }

  /** The adapter on the mock, with nothing found on "this machine" but the mock's kubeconfig. */
  static KubernetesCluster cluster(ClusterSettings settings) {
    return new KubernetesCluster(
        new ClusterConfigs(
                new ClusterConfigs.DefaultSources(
                    List.of(), Path.of("/nonexistent/serviceaccount/token")))
            ::configFor,
        settings);
  }

  static Map<String, String> annotations(String release, String promotion) {
    return Map.of(
        "baton.dev/release",
        release,
        "baton.dev/promotion",
        promotion,
        "kubernetes.io/change-cause",
        "Baton promotion of " + release + " requested by UREQUESTER (promotion " + promotion + ")");
  }
}
