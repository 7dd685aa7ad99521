package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;

import dev.baton.fakes.FakeCluster;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.Cluster;
import org.junit.jupiter.api.BeforeEach;

/** The {@link ClusterContract} against the core's fake. */
class FakeClusterContractTest extends ClusterContract {
  final FakeCluster fake = new FakeCluster();
  final EnvironmentDefinition env = MockApi.envWithoutCluster("test", "credreg-test");

  @BeforeEach
  void deployed() {
    fake.setByHand("test", "main-app", image(MAIN, "main-1"), true);
    fake.setByHand("test", "worker-app", image(WORKER, "worker-1"), true);
  }

  @Override
  Cluster cluster() {
    return fake;
  }

  @Override
  EnvironmentDefinition env() {
    return env;
  }

  @Override
  void setByHand(String workload, String image) {
    fake.setByHand("test", workload, image, true);
  }

  @Override
  int migrationsRun() {
    return fake.migrationJobs().size();
  }
}
