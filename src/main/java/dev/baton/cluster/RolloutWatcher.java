package dev.baton.cluster;

import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Waits for a Deployment's rollout with a watch, deciding by {@link RolloutStatus} (kubectl's
 * rules). Fails when the controller reports {@code ProgressDeadlineExceeded}, when the Deployment
 * stops asking for the image (someone changed it), or when nothing progresses for the Deployment's
 * {@code progressDeadlineSeconds} plus a margin (a controller that reports nothing at all).
 */
final class RolloutWatcher {
  /** Kubernetes' default {@code progressDeadlineSeconds}. */
  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  private final KubernetesCalls calls;
  private final ClusterSettings settings;

  RolloutWatcher(KubernetesCalls calls, ClusterSettings settings) {
    this.calls = calls;
    this.settings = settings;
  }

  /** Reports progress to people and measures how long the rollout has gone without any. */
  private static final class ProgressClock {
    private final Workload workload;
    private final Consumer<RolloutProgress> progress;
    private List<Object> last;
    private long since = System.nanoTime();

    ProgressClock(Workload workload, Consumer<RolloutProgress> progress) {
      this.workload = workload;
      this.progress = progress;
    }

    /** Any change of the status counts restarts the clock; people see the replica counts. */
    void observe(Deployment d) {
      DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
      List<Object> counts =
          Arrays.asList(
              s.getObservedGeneration(),
              s.getReplicas(),
              s.getUpdatedReplicas(),
              s.getReadyReplicas(),
              s.getAvailableReplicas());
      if (counts.equals(last)) {
        return;
      }
      last = counts;
      since = System.nanoTime();
      if (observed(d)) { // before that, the counts describe the previous rollout
        Integer desired = d.getSpec().getReplicas();
        progress.accept(
            new RolloutProgress(
                workload.name(),
                desired == null ? 1 : desired,
                n(s.getUpdatedReplicas()),
                n(s.getAvailableReplicas())));
      }
    }

    Duration left(Duration bound) {
      return bound.minusNanos(System.nanoTime() - since);
    }

    private static boolean observed(Deployment d) {
      Long generation = d.getMetadata().getGeneration();
      Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
      return generation == null || (observed != null && observed >= generation);
    }

    private static int n(Integer i) {
      return i == null ? 0 : i;
    }
  }

  void await(ClusterTarget target, Workload w, String image, Consumer<RolloutProgress> progress) {
    try (ObjectFollower<Deployment> follower =
        new ObjectFollower<>(
            calls,
            target,
            DeploymentImages.DEPLOYMENTS,
            w.deployment(),
            DeploymentImages.handle(target, w.deployment()),
            settings.retryBackoff())) {
      ProgressClock clock = new ProgressClock(w, progress);
      Deployment d = follower.start();
      while (true) {
        RolloutStatus status = statusOf(target, w, image, d);
        clock.observe(d);
        if (status instanceof RolloutStatus.Complete) {
          return;
        }
        Duration bound = noProgressBound(d);
        Duration left = clock.left(bound);
        if (left.isNegative() || left.isZero()) {
          throw stalled(target, w, image, bound, status, follower.disconnectedBecause());
        }
        Duration resync = settings.resyncInterval();
        d = follower.next(left.compareTo(resync) < 0 ? left : resync);
      }
    } catch (InterruptedException e) {
      throw KubernetesErrors.interrupted("wait for the rollout of " + w.deployment());
    }
  }

  /** kubectl's verdict, after what makes waiting pointless: gone, image changed, failed, paused. */
  private static RolloutStatus statusOf(
      ClusterTarget target, Workload w, String image, Deployment d) {
    if (d == null) {
      throw DeploymentImages.missing(target, w);
    }
    requireImage(target, w, d, image);
    RolloutStatus status = RolloutStatus.of(d);
    if (status instanceof RolloutStatus.Failed f) {
      throw failed(target, w, image, f);
    }
    if (!(status instanceof RolloutStatus.Complete)
        && Boolean.TRUE.equals(d.getSpec().getPaused())) {
      throw paused(target, w);
    }
    return status;
  }

  /**
   * The controller declares failure after this long without progress; Baton waits a margin more.
   */
  private Duration noProgressBound(Deployment d) {
    Integer seconds = d.getSpec().getProgressDeadlineSeconds();
    return Duration.ofSeconds(seconds == null ? DEFAULT_PROGRESS_DEADLINE_SECONDS : seconds)
        .plus(settings.rolloutMargin());
  }

  private static void requireImage(ClusterTarget target, Workload w, Deployment d, String image) {
    String actual = DeploymentImages.container(target, d, w).getImage();
    if (!image.equals(actual)) {
      throw PortException.terminal(
          "Deployment "
              + w.deployment()
              + " in "
              + target.where()
              + " was changed to "
              + actual
              + " while Baton waited for the rollout of "
              + image
              + "; someone else set the image, so Baton stopped. It now runs "
              + actual
              + "; check with kubectl -n "
              + target.namespace()
              + " rollout history deployment/"
              + w.deployment()
              + " who changed it, then promote or roll back again");
    }
  }

  private static PortException failed(
      ClusterTarget target, Workload w, String image, RolloutStatus.Failed f) {
    return PortException.terminal(
        "the rollout of "
            + image
            + " failed: "
            + f.message()
            + (f.reason() == null ? "" : " (" + f.reason() + ")")
            + " in "
            + target.where()
            + "; the new pods never became available. Look at them with kubectl -n "
            + target.namespace()
            + " describe deployment/"
            + w.deployment()
            + " and kubectl -n "
            + target.namespace()
            + " get pods");
  }

  private static PortException stalled(
      ClusterTarget target,
      Workload w,
      String image,
      Duration bound,
      RolloutStatus status,
      String disconnected) {
    if (disconnected != null) {
      return PortException.retryable(
          "Baton lost track of the rollout of "
              + image
              + " in "
              + target.where()
              + " for "
              + bound.toSeconds()
              + " s: "
              + disconnected
              + ". The last state seen: "
              + status.message());
    }
    return PortException.terminal(
        "the rollout of "
            + image
            + " in "
            + target.where()
            + " made no progress for "
            + bound.toSeconds()
            + " s (the Deployment's progress deadline plus "
            + "a margin), and the Deployment controller reported nothing: "
            + status.message()
            + " Check the pods with kubectl -n "
            + target.namespace()
            + " describe deployment/"
            + w.deployment());
  }

  private static PortException paused(ClusterTarget target, Workload w) {
    return PortException.terminal(
        "Deployment "
            + w.deployment()
            + " in "
            + target.where()
            + " is paused, so its rollout cannot finish: resume it with kubectl -n "
            + target.namespace()
            + " rollout resume deployment/"
            + w.deployment()
            + ", then promote again");
  }
}
