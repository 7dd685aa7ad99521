package dev.baton.slack.blocks;

import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SourceRepository;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import java.time.Instant;
import java.util.List;

/**
 * What a deployment's reply in the release thread shows, read from the store at one moment.
 *
 * @param lastEnv the promotion's environment is the last of the chain (its buttons confirm)
 * @param approvals the core's count of approvals and who can still give them
 * @param bake the release's bake in the source link (the core's), null when none is required
 * @param freeze the environment's active freeze, or null
 * @param nextEnv the environment after this one, null for the last
 * @param current the environment runs this promotion's release now (the deployment is current)
 * @param rollback the Roll back button the core offers, or null when none is
 * @param runs the release the environment's inventory names now, or null when none
 * @param progress the latest live progress of the running step, or null
 * @param windowWait the core's reason while the environment's windows or a blackout hold the start
 *     (its instants become Slack dates), or null
 * @param running the release the environment runs now (what the request changes), or null when
 *     nothing is recorded there (a first deployment)
 * @param source the app's source repository, for the compare link, or null
 */
public record PromotionCard(
    Promotion promotion,
    Release release,
    boolean lastEnv,
    ApprovalStatus approvals,
    Bake bake,
    Freeze freeze,
    List<StepLine> steps,
    String nextEnv,
    boolean nextIsLast,
    boolean current,
    RollbackOffer rollback,
    String runs,
    String progress,
    Instant now,
    String windowWait,
    Release running,
    SourceRepository source) {
  public PromotionCard {
    steps = List.copyOf(steps);
  }

  /** A card that does not say what changes against what runs. */
  public PromotionCard(
      Promotion promotion,
      Release release,
      boolean lastEnv,
      ApprovalStatus approvals,
      Bake bake,
      Freeze freeze,
      List<StepLine> steps,
      String nextEnv,
      boolean nextIsLast,
      boolean current,
      RollbackOffer rollback,
      String runs,
      String progress,
      Instant now,
      String windowWait) {
    this(
        promotion,
        release,
        lastEnv,
        approvals,
        bake,
        freeze,
        steps,
        nextEnv,
        nextIsLast,
        current,
        rollback,
        runs,
        progress,
        now,
        windowWait,
        null,
        null);
  }

  /** A card with no window holding the start. */
  public PromotionCard(
      Promotion promotion,
      Release release,
      boolean lastEnv,
      ApprovalStatus approvals,
      Bake bake,
      Freeze freeze,
      List<StepLine> steps,
      String nextEnv,
      boolean nextIsLast,
      boolean current,
      RollbackOffer rollback,
      String runs,
      String progress,
      Instant now) {
    this(
        promotion,
        release,
        lastEnv,
        approvals,
        bake,
        freeze,
        steps,
        nextEnv,
        nextIsLast,
        current,
        rollback,
        runs,
        progress,
        now,
        null,
        null,
        null);
  }

  /** The latest outcome of one step. */
  public record StepLine(Step step, StepRecord.Status status, String detail) {}

  /** A rollback of {@code env} from {@code fromTag} (what runs now) to {@code targetTag}. */
  public record RollbackOffer(String targetTag, String fromTag) {}
}
