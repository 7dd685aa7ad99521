package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the core relies on from any {@link Cluster}: the same cases run against the core's fake
 * ({@code FakeCluster}) and the Kubernetes adapter on the mock API server.
 */
abstract class ClusterContract {
  static final Migration MIGRATION = ClusterFixtures.migration(Migration.Phase.BEFORE_ROLLOUT);
  static final AppDefinition APP = ClusterFixtures.app(MIGRATION);

  abstract Cluster cluster();

  abstract EnvironmentDefinition env();

  /** A person changes the workload's image without Baton (the rollout completes). */
  abstract void setByHand(String workload, String image);

  @Test
  void aRolloutOfADigestEndsWithTheDigestRunningHealthy() {
    for (var w : APP.workloads()) {
      cluster()
          .setImage(env(), w, image(w, w.name() + "-2"), ClusterFixtures.annotations("t", "p"));
    }
    for (var w : APP.workloads()) {
      cluster().awaitRollout(env(), w, image(w, w.name() + "-2"), p -> {});
    }
    Map<String, RunningWorkload> running = cluster().running(env(), APP);
    assertThat(running.get("main-app").digest()).isEqualTo(Fixtures.digest("main-app-2"));
    assertThat(running.get("main-app").image()).isEqualTo(image(MAIN, "main-app-2"));
    assertThat(running.get("worker-app").rolloutComplete()).isTrue();
  }

  @Test
  void aTagIsReportedAsWhatRunsWithoutADigest() {
    setByHand("main-app", "credreg/main-app:latest");
    RunningWorkload main = cluster().running(env(), APP).get("main-app");
    assertThat(main.image()).isEqualTo("credreg/main-app:latest");
    assertThat(main.digest()).isNull();
  }

  @Test
  void waitingForAnImageThatWasReplacedFailsNamingWhatRuns() {
    cluster().setImage(env(), WORKER, image(WORKER, "w-2"), ClusterFixtures.annotations("t", "p"));
    setByHand("worker-app", "credreg/worker-app:hotfix");
    assertThatThrownBy(() -> cluster().awaitRollout(env(), WORKER, image(WORKER, "w-2"), p -> {}))
        .isInstanceOf(PortException.class)
        .hasMessageContaining("credreg/worker-app:hotfix");
  }

  @Test
  void aMigrationRunAgainUnderTheSameNameIsNotRunTwice() {
    cluster().runMigration(env(), APP, MIGRATION, image(MAIN, "m-2"), "baton-migrate-credreg-p1");
    cluster().runMigration(env(), APP, MIGRATION, image(MAIN, "m-2"), "baton-migrate-credreg-p1");
    assertThat(migrationsRun()).isEqualTo(1);
  }

  abstract int migrationsRun();
}
