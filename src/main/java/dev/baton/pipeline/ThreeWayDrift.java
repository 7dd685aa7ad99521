package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.ManifestRepository.Head;
import dev.baton.pipeline.port.RunningWorkload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What three sources say of one app in one GitOps environment, workload by workload: the inventory
 * (the release Baton recorded), the head of the environment's Git branch, and the cluster. Pure
 * data: the reads happen elsewhere ({@link DriftReads}); an unreadable Git or cluster is an
 * unknown, never an agreement.
 *
 * @param gitCommit the branch head's commit id; null when unknown or unreadable
 * @param gitError why Git could not be read; null when it was
 * @param clusterError why the cluster could not be read; null when it was
 */
public record ThreeWayDrift(
    String env,
    String app,
    String gitCommit,
    String gitError,
    String clusterError,
    List<WorkloadDrift> workloads) {
  public ThreeWayDrift {
    workloads = List.copyOf(workloads);
  }

  /**
   * How the three sources stand for a workload. Declared from the most to the least serious: an
   * app's {@link #kind()} is its most serious workload's.
   */
  public enum Kind {
    /** Git could not be read: unknown, never taken as agreement. */
    GIT_UNREADABLE("unknown: Git could not be read", true),
    /** The cluster could not be read: unknown. */
    CLUSTER_UNREADABLE("unknown: the cluster could not be read", true),
    /**
     * The cluster runs something other than Git names and the inventory records: drift, a self-heal
     * still pending, or a change made by hand in the cluster.
     */
    CLUSTER_DIFFERS(
        "the cluster differs from Git (drift, a self-heal pending or a change by hand)", true),
    /**
     * Git names something the cluster does not run yet, while the cluster still runs what the
     * inventory records: the controller has not synced the branch head yet.
     */
    GIT_AHEAD("Git is ahead of the cluster (the controller has not synced yet)", true),
    /**
     * Git and the cluster agree, on something the inventory does not record: someone committed
     * outside Baton (or Baton has recorded nothing here yet).
     */
    INVENTORY_DIFFERS("the inventory differs from Git (a commit made outside Baton)", false),
    /** Inventory, Git and cluster name the same image. */
    AGREE("in agreement", false);

    private final String words;
    private final boolean gitAndClusterMayDisagree;

    Kind(String words, boolean gitAndClusterMayDisagree) {
      this.words = words;
      this.gitAndClusterMayDisagree = gitAndClusterMayDisagree;
    }

    /** The kind in words, as Slack and the API show it. */
    public String words() {
      return words;
    }

    /** True when Git and the cluster disagree, or it cannot be known that they agree. */
    public boolean gitAndClusterMayDisagree() {
      return gitAndClusterMayDisagree;
    }

    /** True when one of the three could not be read. */
    public boolean unknown() {
      return this == GIT_UNREADABLE || this == CLUSTER_UNREADABLE;
    }
  }

  /**
   * One workload.
   *
   * @param inventory the image the inventory records ({@code repo@sha256:…}); null when none
   * @param git the image the branch head names; null when unreadable or absent
   * @param cluster the image the Deployment asks for; null when unreadable or absent
   * @param rolloutComplete whether the cluster's rollout of it is complete
   */
  public record WorkloadDrift(
      String workload,
      String inventory,
      String git,
      String cluster,
      boolean rolloutComplete,
      Kind kind) {}

  /**
   * Classifies each workload of {@code app}.
   *
   * @param git the branch head; null when unreadable (then {@code gitError} says why)
   * @param running what the cluster runs; null when unreadable (then {@code clusterError} says why)
   */
  public static ThreeWayDrift of(
      String env,
      AppDefinition app,
      Optional<Deployment> inventory,
      Head git,
      String gitError,
      Map<String, RunningWorkload> running,
      String clusterError) {
    List<WorkloadDrift> out = new ArrayList<>();
    for (Workload w : app.workloads()) {
      String recorded = inventory.map(d -> d.digests().get(w.name())).map(w::imageAt).orElse(null);
      String held = git == null ? null : git.images().get(w.name());
      RunningWorkload r = running == null ? null : running.get(w.name());
      String runs = r == null ? null : r.image();
      Kind kind =
          git == null
              ? Kind.GIT_UNREADABLE
              : running == null ? Kind.CLUSTER_UNREADABLE : classify(recorded, held, runs);
      out.add(
          new WorkloadDrift(
              w.name(), recorded, held, runs, r != null && r.rolloutComplete(), kind));
    }
    return new ThreeWayDrift(
        env,
        app.name(),
        git == null ? null : git.commit(),
        git == null ? message(gitError) : null,
        running == null ? message(clusterError) : null,
        out);
  }

  /** One workload whose three images were all read (each may be absent). */
  static Kind classify(String inventory, String git, String cluster) {
    if (sameImage(git, cluster)) {
      return sameImage(inventory, git) ? Kind.AGREE : Kind.INVENTORY_DIFFERS;
    }
    return cluster != null && sameImage(cluster, inventory) ? Kind.GIT_AHEAD : Kind.CLUSTER_DIFFERS;
  }

  /**
   * Two references name the same image: the same digest when both are pinned (a registry's host may
   * be spelled differently in Git and in the Deployment), else the same text.
   */
  static boolean sameImage(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String da = digestOf(a);
    String db = digestOf(b);
    return da != null && db != null ? da.equals(db) : a.equals(b);
  }

  /** The {@code sha256:…} part of a reference, or null when it is not pinned by digest. */
  public static String digestOf(String image) {
    int at = image == null ? -1 : image.indexOf('@');
    return at < 0 ? null : image.substring(at + 1);
  }

  /** The app's kind: its most serious workload's ({@link Kind#AGREE} for an app without any). */
  public Kind kind() {
    return workloads.stream()
        .map(WorkloadDrift::kind)
        .min(Comparator.naturalOrder())
        .orElse(gitError != null ? Kind.GIT_UNREADABLE : Kind.AGREE);
  }

  /** The branch head's commit, shortened to 12 characters; null when unknown. */
  public String shortCommit() {
    return gitCommit == null || gitCommit.length() <= 12 ? gitCommit : gitCommit.substring(0, 12);
  }

  /**
   * What Git holds and the cluster runs, in one line: "Git (3f2a9c1d0b4e) holds main-app
   * sha256:0123456789ab, …; the cluster runs main-app sha256:…, …: Git is ahead of the cluster
   * (…)".
   */
  public String describe() {
    Kind k = kind();
    if (k == Kind.GIT_UNREADABLE) {
      return "what Git holds for " + env + " could not be read: " + gitError;
    }
    if (k == Kind.CLUSTER_UNREADABLE) {
      return "what runs in " + env + " could not be read: " + clusterError;
    }
    return "in "
        + env
        + " Git"
        + (gitCommit == null ? "" : " (" + shortCommit() + ")")
        + " holds "
        + images(WorkloadDrift::git)
        + "; the cluster runs "
        + images(WorkloadDrift::cluster)
        + ": "
        + k.words();
  }

  private String images(java.util.function.Function<WorkloadDrift, String> which) {
    return workloads.stream()
        .map(w -> w.workload() + " " + shortImage(which.apply(w)))
        .collect(Collectors.joining(", "));
  }

  /** An image as every message shows it: its short digest when pinned, else the reference. */
  public static String shortImage(String image) {
    if (image == null) {
      return "nothing";
    }
    String digest = digestOf(image);
    return digest == null ? image : StaleReasons.digest(digest);
  }

  private static String message(String error) {
    return error == null ? "no reason given" : error;
  }
}
