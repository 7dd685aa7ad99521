package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test playing Kubernetes' Deployment controller: from its own thread, it moves each
 * Deployment's status one step of a surge rollout at a time (new replica set → old replicas
 * terminating → replicas becoming available), writing it with {@code updateStatus()}. What it does
 * for an image can be changed: roll out, never make pods available, or give up after the progress
 * deadline as the real controller does.
 */
public final class FakeDeploymentController implements AutoCloseable {
  /** What the controller does with a rollout of an image. */
  public enum Behaviour {
    ROLL_OUT,
    /** Pods never become available; the controller never says so (a dead controller). */
    NEVER_AVAILABLE,
    /** Pods never become available; after the progress deadline, ProgressDeadlineExceeded. */
    DEADLINE_EXCEEDED,
    /** Does nothing at all (the test moves the status itself). */
    IGNORE
  }

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Behaviour> byImage = new ConcurrentHashMap<>();
  private final Map<String, Long> stuckSince = new ConcurrentHashMap<>();
  private final ControllerLoop loop;
  private volatile boolean paused;

  public FakeDeploymentController(KubernetesClient client, String namespace, Duration step) {
    this.client = client;
    this.namespace = namespace;
    this.loop = new ControllerLoop("fake-deployment-controller-" + namespace, step, this::round);
  }

  public FakeDeploymentController when(String image, Behaviour behaviour) {
    byImage.put(image, behaviour);
    return this;
  }

  /** Stops or resumes all work, e.g. to hold a rollout while a test does something. */
  public void paused(boolean paused) {
    this.paused = paused;
  }

  private void round() {
    if (!paused) {
      client.apps().deployments().inNamespace(namespace).list().getItems().forEach(this::advance);
    }
  }

  private void advance(Deployment d) {
    Behaviour behaviour =
        d.getSpec().getTemplate().getSpec().getContainers().stream()
            .map(c -> byImage.get(c.getImage()))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(Behaviour.ROLL_OUT);
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    long generation = d.getMetadata().getGeneration();
    int desired = d.getSpec().getReplicas();
    boolean newGeneration =
        s.getObservedGeneration() == null || s.getObservedGeneration() < generation;
    DeploymentStatus next;
    switch (behaviour) {
      case IGNORE -> {
        return;
      }
      case NEVER_AVAILABLE, DEADLINE_EXCEEDED -> {
        if (newGeneration) {
          stuckSince.put(d.getMetadata().getName(), System.nanoTime());
          next = status(generation, desired, desired, desired, 0, progressing("ReplicaSetUpdated"));
        } else if (behaviour == Behaviour.DEADLINE_EXCEEDED && deadlinePassed(d) && !timedOut(s)) {
          next =
              new DeploymentStatusBuilder(s)
                  .withConditions(progressing("ProgressDeadlineExceeded"))
                  .build();
        } else {
          return;
        }
      }
      default -> {
        next = rollOutStep(s, generation, desired, newGeneration);
        if (next == null) {
          return;
        }
      }
    }
    d.setStatus(next);
    client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
  }

  /** One step of a surge rollout, or null when it is complete. */
  private static DeploymentStatus rollOutStep(
      DeploymentStatus s, long generation, int desired, boolean newGeneration) {
    int replicas = n(s.getReplicas());
    int updated = n(s.getUpdatedReplicas());
    int available = n(s.getAvailableReplicas());
    if (newGeneration) {
      return status(generation, desired + 1, 1, desired, desired, progressing("ReplicaSetUpdated"));
    }
    if (updated < desired) {
      return status(
          generation, desired + 1, updated + 1, desired, desired, progressing("ReplicaSetUpdated"));
    }
    if (replicas > updated) {
      return status(
          generation, desired, desired, desired - 1, desired - 1, progressing("ReplicaSetUpdated"));
    }
    if (available < updated) {
      return status(
          generation, desired, desired, desired, desired, progressing("NewReplicaSetAvailable"));
    }
    return null;
  }

  private boolean deadlinePassed(Deployment d) {
    Long since = stuckSince.get(d.getMetadata().getName());
    Integer deadline = d.getSpec().getProgressDeadlineSeconds();
    return since != null
        && System.nanoTime() - since
            > Duration.ofSeconds(deadline == null ? 600 : deadline).toNanos();
  }

  private static boolean timedOut(DeploymentStatus s) {
    return s.getConditions().stream()
        .anyMatch(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
  }

  private static DeploymentStatus status(
      long generation,
      int replicas,
      int updated,
      int ready,
      int available,
      DeploymentCondition progressing) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(generation)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withConditions(List.of(progressing))
        .build();
  }

  private static DeploymentCondition progressing(String reason) {
    boolean failed = "ProgressDeadlineExceeded".equals(reason);
    return new DeploymentConditionBuilder()
        .withType("Progressing")
        .withStatus(failed ? "False" : "True")
        .withReason(reason)
        .withMessage(
            failed
                ? "ReplicaSet \"main-app-5d8f\" has timed out progressing."
                : "ReplicaSet \"main-app-5d8f\" is progressing.")
        .build();
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
