package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** One app along the chain of environments, in chain order. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AppStateView(String app, String at, List<EnvironmentView> environments) {

  /**
   * One environment of the app.
   *
   * @param bakeRemainingSeconds how long the current release must still run here before it may be
   *     promoted to {@code nextEnv}; null when nothing runs here or this is the last link
   * @param drift null when the cluster agrees with the inventory; otherwise what runs and what
   *     Baton expected, what runs although no deployment is recorded, or why the cluster was not
   *     read
   * @param unrecordedImages workload → image running here although Baton has recorded no deployment
   *     here (a cluster Baton was adopted on); null otherwise
   * @param git in a GitOps environment, what the branch head holds against what the cluster runs
   *     and the inventory records; null in an environment Baton patches itself
   * @param bakeHealth how long the current release's checks held here, when promotions to {@code
   *     nextEnv} are metric-gated for the app ({@code analysis.bake: true} in its own analysis
   *     there, else the environment's); null otherwise
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record EnvironmentView(
      String env,
      @Nullable String nextEnv,
      @Nullable CurrentView current,
      @Nullable Long bakeRemainingSeconds,
      @Nullable FreezeView freeze,
      int requiredApprovals,
      List<PromotionView> promotions,
      @Nullable String drift,
      @Nullable Map<String, String> unrecordedImages,
      @Nullable GitView git,
      @Nullable BakeHealthJson bakeHealth) {}

  /**
   * A GitOps environment's three-way drift.
   *
   * @param commit the branch head's commit id; null when Git could not be read
   * @param shortCommit its first 12 characters
   * @param kind {@code AGREE}, {@code GIT_AHEAD}, {@code CLUSTER_DIFFERS}, {@code
   *     INVENTORY_DIFFERS}, {@code GIT_UNREADABLE} or {@code CLUSTER_UNREADABLE}
   * @param drift the kind in words, or why Git or the cluster could not be read
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record GitView(
      @Nullable String commit,
      @Nullable String shortCommit,
      String kind,
      String drift,
      List<GitWorkloadView> workloads) {}

  /**
   * One workload of a GitOps environment: the image Git names, the one the cluster runs, the digest
   * the inventory records, and how they stand.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record GitWorkloadView(
      String workload,
      @Nullable String gitImage,
      @Nullable String gitDigest,
      @Nullable String clusterImage,
      @Nullable String clusterDigest,
      @Nullable String inventoryDigest,
      String kind) {}

  /**
   * The metric-gated bake of the current release.
   *
   * @param state HOLDING, BREACHING, UNKNOWN (no recent conclusive evaluation) or NOT_EVALUATED
   * @param heldSeconds how long the checks have held, at most {@code requiredSeconds}
   * @param healthySince start of the current healthy stretch; null before the first evaluation
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record BakeHealthJson(
      String state,
      long heldSeconds,
      long requiredSeconds,
      boolean complete,
      @Nullable String healthySince) {}

  /** The release that runs in the environment: its latest successful deployment. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CurrentView(
      String release,
      @Nullable String commit,
      Map<String, String> digests,
      String since,
      String kind,
      @Nullable String deployedBy,
      @Nullable String promotion) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record FreezeView(
      String frozenBy, @Nullable String reason, String since, @Nullable String until) {}

  /** A promotion into the environment that has not finished. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record PromotionView(
      String id,
      String kind,
      String release,
      @Nullable String sourceEnv,
      String state,
      @Nullable String requester,
      String requestedAt,
      @Nullable String expiresAt,
      int approvals,
      int requiredApprovals,
      @Nullable String step,
      @Nullable String runner) {}
}
