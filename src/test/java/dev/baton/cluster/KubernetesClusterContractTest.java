package dev.baton.cluster;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.Cluster;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ClusterContract} against the Kubernetes adapter on the mock API server. */
@Timeout(60)
class KubernetesClusterContractTest extends ClusterContract {
  @RegisterExtension
  final MockCluster k8s =
      MockCluster.of("test", "credreg-test").withDeploymentController().withJobController();

  @Override
  Cluster cluster() {
    return k8s.cluster;
  }

  @Override
  EnvironmentDefinition env() {
    return k8s.env;
  }

  @Override
  void setByHand(String workload, String image) {
    k8s.setByHand(workload, workload.equals("main-app") ? "app" : "worker", image);
  }

  @Override
  int migrationsRun() {
    return k8s.jobs.jobs().size();
  }
}
