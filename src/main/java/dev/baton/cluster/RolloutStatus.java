package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Whether a Deployment's rollout is complete, decided exactly as {@code kubectl rollout status}
 * decides it ({@code DeploymentStatusViewer} in kubectl's {@code rollout_status.go}). The messages
 * are kubectl's, so that what Baton shows matches what people see in their terminal.
 */
public sealed interface RolloutStatus {
  /** kubectl's {@code TimedOutReason}: the Deployment controller gave up on the rollout. */
  String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  /** What kubectl prints for this state. */
  String message();

  /** Every updated replica is available and no old replica is left. */
  record Complete(String message) implements RolloutStatus {}

  /** Still rolling out; {@code message} says what is outstanding. */
  record Waiting(String message) implements RolloutStatus {}

  /** The rollout failed: the controller reported {@code ProgressDeadlineExceeded}. */
  record Failed(String message, String reason) implements RolloutStatus {}

  /** The rules of {@code kubectl rollout status}, in kubectl's order. */
  static RolloutStatus of(Deployment deployment) {
    String name = deployment.getMetadata().getName();
    DeploymentStatus status =
        deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    if (orZero(deployment.getMetadata().getGeneration()) > orZero(status.getObservedGeneration())) {
      return new Waiting("Waiting for deployment spec update to be observed...");
    }
    DeploymentCondition progressing = condition(status, "Progressing");
    if (progressing != null && PROGRESS_DEADLINE_EXCEEDED.equals(progressing.getReason())) {
      return new Failed(
          "deployment \"" + name + "\" exceeded its progress deadline", progressing.getMessage());
    }
    Integer desired = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
    int updated = orZero(status.getUpdatedReplicas());
    if (desired != null && updated < desired) {
      return waiting(name, updated + " out of " + desired + " new replicas have been updated...");
    }
    int replicas = orZero(status.getReplicas());
    if (replicas > updated) {
      return waiting(name, (replicas - updated) + " old replicas are pending termination...");
    }
    int available = orZero(status.getAvailableReplicas());
    if (available < updated) {
      return waiting(name, available + " of " + updated + " updated replicas are available...");
    }
    return new Complete("deployment \"" + name + "\" successfully rolled out");
  }

  private static Waiting waiting(String name, String what) {
    return new Waiting("Waiting for deployment \"" + name + "\" rollout to finish: " + what);
  }

  private static DeploymentCondition condition(DeploymentStatus status, String type) {
    if (status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
