package dev.baton.pipeline.plan;

import static dev.baton.pipeline.model.Step.*;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Step;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The step classes of a promotion, one per {@link Step}, and the graph that orders them. Adding a
 * step is a class, a line here and a route in {@link StepGraph}.
 */
public final class PromotionPlan {
  private final Map<Step, PromotionStep> steps = new EnumMap<>(Step.class);

  /**
   * @param retryAfter how long a step that cannot read the cluster waits before it looks again
   */
  public PromotionPlan(PipelinePorts ports, PromotionEnd end, Duration retryAfter) {
    steps.put(VERIFY_IMAGES, new VerifyImages(ports));
    steps.put(MIGRATE_BEFORE, new RunMigration(ports, Migration.Phase.BEFORE_ROLLOUT));
    steps.put(SET_IMAGES, new SetImages(ports, false));
    steps.put(AWAIT_ROLLOUT, new AwaitRollout(ports, false));
    steps.put(MIGRATE_AFTER, new RunMigration(ports, Migration.Phase.AFTER_ROLLOUT));
    steps.put(SMOKE_CHECKS, new SmokeChecks(ports));
    steps.put(ANALYSIS, new AnalysisStep(ports));
    steps.put(MOVE_POINTER_TAGS, new MovePointerTags(ports, false));
    steps.put(RECORD_DEPLOYMENT, new RecordDeployment(ports, end, retryAfter));
    steps.put(RESTORE_POINTER_TAGS, new MovePointerTags(ports, true));
    steps.put(ROLLBACK_SET_IMAGES, new SetImages(ports, true));
    steps.put(ROLLBACK_AWAIT_ROLLOUT, new AwaitRollout(ports, true));
    steps.put(CLOSE_FAILED, new CloseFailed(end));
    steps.put(CLOSE_ROLLED_BACK, new CloseRolledBack(ports, end, retryAfter));
  }

  public PromotionStep step(Step id) {
    PromotionStep step = steps.get(id);
    if (step == null) {
      throw new IllegalStateException("no step class for " + id);
    }
    return step;
  }

  /** The graph of this promotion under its environment's policy. */
  public static StepGraph graph(Promotion p, EnvironmentDefinition env) {
    return StepGraph.of(
        new StepGraph.Facts(
            p.kind(), p.previousReleaseTag() != null, env.policy().autoRollback(), env.gitops()));
  }
}
