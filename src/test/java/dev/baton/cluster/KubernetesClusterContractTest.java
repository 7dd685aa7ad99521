package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.Cluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ClusterContract} against the Kubernetes adapter on the mock API server. */
@Timeout(60)
class KubernetesClusterContractTest extends ClusterContract {
  static final String NS = "credreg-test";
  @TempDir Path dir;
  MockApi api;
  FakeDeploymentController deployments;
  FakeJobController jobs;
  KubernetesCluster cluster;

  @BeforeEach
  void deployed() {
    api = MockApi.start(dir);
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    api.createRolledOut(NS, "worker-app", "worker", image(WORKER, "worker-1"));
    deployments = new FakeDeploymentController(api.client, NS, Duration.ofMillis(30));
    jobs = new FakeJobController(api, NS, Duration.ofMillis(30));
    cluster = ClusterFixtures.cluster(MockApi.settings());
  }

  @AfterEach
  void stop() throws Exception {
    deployments.close();
    jobs.close();
    cluster.close();
    api.close();
  }

  @Override
  Cluster cluster() {
    return cluster;
  }

  @Override
  EnvironmentDefinition env() {
    return api.env("test", NS);
  }

  @Override
  void setByHand(String workload, String image) {
    Deployment d = api.deployment(NS, workload);
    String container = workload.equals("main-app") ? "app" : "worker";
    api.client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(workload)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/"
                + ImagePatch.containerIndex(d, container)
                + "/image\",\"value\":\""
                + image
                + "\"}]");
  }

  @Override
  int migrationsRun() {
    return jobs.jobs().size();
  }
}
