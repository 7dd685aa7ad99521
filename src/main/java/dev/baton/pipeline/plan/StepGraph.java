package dev.baton.pipeline.plan;

import static dev.baton.pipeline.model.Step.*;

import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Step;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of a promotion as data: which step follows a success, and which recovery step follows a
 * failure. One table for every promotion; what differs between promotions (an explicit rollback, a
 * first deployment, a policy without auto-rollback) are the {@link Facts} that resolve the table's
 * one conditional edge, {@code RECOVER}: "put the previous release back when auto-rollback applies
 * to the failure, else close as failed".
 *
 * <pre>
 * VERIFY_IMAGES → MIGRATE_BEFORE → SET_IMAGES → AWAIT_ROLLOUT → MIGRATE_AFTER → SMOKE_CHECKS
 *   → ANALYSIS → MOVE_POINTER_TAGS → RECORD_DEPLOYMENT
 * failures: before the tags moved → RECOVER; tags or record → RESTORE_POINTER_TAGS → RECOVER
 * RECOVER = ROLLBACK_SET_IMAGES → ROLLBACK_AWAIT_ROLLOUT → CLOSE_ROLLED_BACK, or CLOSE_FAILED
 * </pre>
 *
 * The restoring steps never give up on a transient failure ({@link #neverGivesUp}): they wait for
 * the registry or cluster to answer, since stopping half-way would leave the environment different
 * from its inventory.
 */
public final class StepGraph {
  /** The first step of every promotion. */
  public static final Step FIRST = VERIFY_IMAGES;

  /** Where an edge leads: a step, the end of the plan, or the conditional recovery. */
  private record Edge(Step step, boolean recover) {
    static final Edge END = new Edge(null, false);
    static final Edge RECOVER = new Edge(null, true);
  }

  private record Route(Edge onSuccess, Edge onFailure) {}

  private static final Map<Step, Route> ROUTES = new EnumMap<>(Step.class);

  static {
    route(VERIFY_IMAGES, to(MIGRATE_BEFORE), Edge.RECOVER);
    route(MIGRATE_BEFORE, to(SET_IMAGES), Edge.RECOVER);
    route(SET_IMAGES, to(AWAIT_ROLLOUT), Edge.RECOVER);
    route(AWAIT_ROLLOUT, to(MIGRATE_AFTER), Edge.RECOVER);
    route(MIGRATE_AFTER, to(SMOKE_CHECKS), Edge.RECOVER);
    route(SMOKE_CHECKS, to(ANALYSIS), Edge.RECOVER);
    route(ANALYSIS, to(MOVE_POINTER_TAGS), Edge.RECOVER);
    route(MOVE_POINTER_TAGS, to(RECORD_DEPLOYMENT), to(RESTORE_POINTER_TAGS));
    route(RECORD_DEPLOYMENT, Edge.END, to(RESTORE_POINTER_TAGS));
    route(RESTORE_POINTER_TAGS, Edge.RECOVER, Edge.RECOVER);
    route(ROLLBACK_SET_IMAGES, to(ROLLBACK_AWAIT_ROLLOUT), to(CLOSE_FAILED));
    route(ROLLBACK_AWAIT_ROLLOUT, to(CLOSE_ROLLED_BACK), to(CLOSE_FAILED));
    route(CLOSE_ROLLED_BACK, Edge.END, to(CLOSE_FAILED));
    route(CLOSE_FAILED, Edge.END, Edge.END);
  }

  /**
   * What resolves the recovery edge.
   *
   * @param hasPrevious the environment ran a release when the promotion started
   * @param autoRollback the environment's policy puts the previous release back after a failure
   */
  /**
   * @param gitops the environment is applied from Git: its images change by one commit, so a
   *     refused commit changed nothing
   */
  public record Facts(
      PromotionKind kind, boolean hasPrevious, boolean autoRollback, boolean gitops) {
    /** An environment Baton patches itself. */
    public Facts(PromotionKind kind, boolean hasPrevious, boolean autoRollback) {
      this(kind, hasPrevious, autoRollback, false);
    }
  }

  private final Facts facts;

  private StepGraph(Facts facts) {
    this.facts = facts;
  }

  public static StepGraph of(Facts facts) {
    return new StepGraph(facts);
  }

  /**
   * The step after {@code done} succeeded; empty at the end of the plan. {@code failedStep} is the
   * step whose failure the promotion is recovering from, or null.
   */
  public Optional<Step> afterSuccess(Step done, Step failedStep) {
    return resolve(route(done).onSuccess(), failedStep);
  }

  /**
   * The recovery step after {@code failed} failed for good. {@code earlierFailure} is the step
   * whose failure the promotion was already recovering from, or null.
   */
  public Step afterFailure(Step failed, Step earlierFailure) {
    return afterFailure(failed, earlierFailure, true);
  }

  /**
   * The same, knowing whether the failure was transient ({@code retryable}, given up after the
   * attempts) or a refusal. In a GitOps environment a refused commit (credentials refused, a
   * protected branch, an image entry not in the files) pushed nothing: the cluster and the branch
   * are as they were, so there is nothing to roll back, and the promotion closes as failed (an
   * auto-rollback would only end "rolled back" and freeze the environment for nothing). A transient
   * failure may have lost the answer to a push the server took: the recovery runs.
   */
  public Step afterFailure(Step failed, Step earlierFailure, boolean retryable) {
    if (facts.gitops() && failed == SET_IMAGES && !retryable) {
      return CLOSE_FAILED;
    }
    Step origin = failed.recovery() ? earlierFailure : failed;
    return resolve(route(failed).onFailure(), origin).orElse(CLOSE_FAILED);
  }

  /** Restoring steps wait for a registry or cluster that does not answer instead of failing. */
  public static boolean neverGivesUp(Step step) {
    return step.restores();
  }

  /**
   * Auto-rollback applies to a failure of {@code failed} when the policy wants it, the cluster may
   * have changed, there is a release to restore, and the promotion is not itself a rollback
   * (restoring the release being rolled away from would be wrong).
   */
  public boolean rollsBack(Step failed) {
    return failed != null
        && failed.touchesCluster()
        && facts.kind() != PromotionKind.ROLLBACK
        && facts.hasPrevious()
        && facts.autoRollback();
  }

  private Optional<Step> resolve(Edge edge, Step failure) {
    if (edge.recover()) {
      return Optional.of(rollsBack(failure) ? ROLLBACK_SET_IMAGES : CLOSE_FAILED);
    }
    return Optional.ofNullable(edge.step());
  }

  private static Route route(Step step) {
    Route r = ROUTES.get(step);
    if (r == null) {
      throw new IllegalStateException("the plan has no route for " + step);
    }
    return r;
  }

  private static Edge to(Step step) {
    return new Edge(step, false);
  }

  private static void route(Step step, Edge onSuccess, Edge onFailure) {
    ROUTES.put(step, new Route(onSuccess, onFailure));
  }
}
