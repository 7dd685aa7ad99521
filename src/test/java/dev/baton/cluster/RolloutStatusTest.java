package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per branch of kubectl's {@code DeploymentStatusViewer} (protocols.md §J). */
class RolloutStatusTest {

  /** A Deployment in one state of its rollout. */
  record Case(
      Long generation,
      Long observed,
      Integer desired,
      int replicas,
      int updated,
      int available,
      String progressingReason) {
    Deployment deployment() {
      var status =
          new DeploymentStatusBuilder()
              .withObservedGeneration(observed)
              .withReplicas(replicas)
              .withUpdatedReplicas(updated)
              .withAvailableReplicas(available);
      if (progressingReason != null) {
        status.withConditions(
            new DeploymentConditionBuilder()
                .withType("Progressing")
                .withStatus("ProgressDeadlineExceeded".equals(progressingReason) ? "False" : "True")
                .withReason(progressingReason)
                .withMessage("ReplicaSet \"main-app-7d9\" has timed out progressing.")
                .build());
      }
      return new DeploymentBuilder()
          .withNewMetadata()
          .withName("main-app")
          .withGeneration(generation)
          .endMetadata()
          .withNewSpec()
          .withReplicas(desired)
          .endSpec()
          .withStatus(status.build())
          .build();
    }
  }

  static Stream<Arguments> branches() {
    return Stream.of(
        Arguments.of(
            "spec update not yet observed (generation ahead of observedGeneration)",
            new Case(3L, 2L, 2, 2, 2, 2, null),
            RolloutStatus.Waiting.class,
            "Waiting for deployment spec update to be observed..."),
        Arguments.of(
            "generation not yet observed wins even over a stale ProgressDeadlineExceeded",
            new Case(3L, 2L, 2, 2, 0, 0, "ProgressDeadlineExceeded"),
            RolloutStatus.Waiting.class,
            "Waiting for deployment spec update to be observed..."),
        Arguments.of(
            "progress deadline exceeded is a failure",
            new Case(3L, 3L, 2, 3, 1, 2, "ProgressDeadlineExceeded"),
            RolloutStatus.Failed.class,
            "deployment \"main-app\" exceeded its progress deadline"),
        Arguments.of(
            "fewer updated replicas than desired",
            new Case(3L, 3L, 3, 4, 1, 3, "ReplicaSetUpdated"),
            RolloutStatus.Waiting.class,
            "Waiting for deployment \"main-app\" rollout to finish: 1 out of 3 new replicas have"
                + " been updated..."),
        Arguments.of(
            "old replicas pending termination",
            new Case(3L, 3L, 3, 4, 3, 3, "ReplicaSetUpdated"),
            RolloutStatus.Waiting.class,
            "Waiting for deployment \"main-app\" rollout to finish: 1 old replicas are pending"
                + " termination..."),
        Arguments.of(
            "updated replicas not all available",
            new Case(3L, 3L, 3, 3, 3, 1, "ReplicaSetUpdated"),
            RolloutStatus.Waiting.class,
            "Waiting for deployment \"main-app\" rollout to finish: 1 of 3 updated replicas are"
                + " available..."),
        Arguments.of(
            "every updated replica available and no old ones left: complete",
            new Case(3L, 3L, 3, 3, 3, 3, "NewReplicaSetAvailable"),
            RolloutStatus.Complete.class,
            "deployment \"main-app\" successfully rolled out"),
        Arguments.of(
            "no spec.replicas: kubectl skips the updated-replicas check",
            new Case(1L, 1L, null, 0, 0, 0, null),
            RolloutStatus.Complete.class,
            "deployment \"main-app\" successfully rolled out"),
        Arguments.of(
            "no status at all on a new Deployment of generation 1",
            new Case(1L, null, 2, 0, 0, 0, null),
            RolloutStatus.Waiting.class,
            "Waiting for deployment spec update to be observed..."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("branches")
  void decidesLikeKubectl(
      String name, Case c, Class<? extends RolloutStatus> kind, String message) {
    RolloutStatus status = RolloutStatus.of(c.deployment());
    assertThat(status).isInstanceOf(kind);
    assertThat(status.message()).isEqualTo(message);
    if (status instanceof RolloutStatus.Failed f) {
      assertThat(f.reason()).as("the controller's own words").contains("has timed out progressing");
    }
  }
}
