package dev.baton.slack.notify;

import dev.baton.pipeline.RollbackRules;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.view.PromotionStatus;
import dev.baton.pipeline.view.PromotionViews;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.ReleaseCard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what a message shows from the store's current state: messages are never replayed. */
public final class Cards {
  private final Pipeline pipeline;
  private final PipelineStore store;
  private final Clock clock;
  private final ProgressBoard progress;

  public Cards(Pipeline pipeline, PipelineStore store, Clock clock, ProgressBoard progress) {
    this.pipeline = pipeline;
    this.store = store;
    this.clock = clock;
    this.progress = progress;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public Optional<ReleaseCard> release(String app, String tag) {
    return store.read(
        r -> r.release(app, tag).map(release -> new ReleaseCard(release, marks(r, app, tag))));
  }

  private List<ReleaseCard.Mark> marks(StoreReads r, String app, String tag) {
    List<Promotion> recent = r.recentPromotions(app, 200);
    List<ReleaseCard.Mark> marks = new ArrayList<>();
    for (EnvironmentDefinition env : pipeline.environments()) {
      marks.add(new ReleaseCard.Mark(env.name(), status(r, recent, app, env.name(), tag)));
    }
    return marks;
  }

  private static ReleaseCard.Status status(
      StoreReads r, List<Promotion> recent, String app, String env, String tag) {
    if (r.currentDeployment(app, env).map(d -> d.releaseTag().equals(tag)).orElse(false)) {
      return ReleaseCard.Status.DEPLOYED;
    }
    Optional<Promotion> open = r.openPromotion(app, env).filter(p -> p.releaseTag().equals(tag));
    if (open.isPresent()) {
      return open.get().state() == PromotionState.PENDING_APPROVAL
          ? ReleaseCard.Status.AWAITING_APPROVAL
          : ReleaseCard.Status.IN_PROGRESS;
    }
    Optional<Promotion> latest =
        recent.stream().filter(p -> p.env().equals(env) && p.releaseTag().equals(tag)).findFirst();
    if (latest.isPresent()) {
      switch (latest.get().state()) {
        case FAILED, ROLLED_BACK -> {
          return ReleaseCard.Status.FAILED;
        }
        case REJECTED, EXPIRED, CANCELLED -> {
          return r.deploymentOf(app, env, tag).isPresent()
              ? ReleaseCard.Status.REPLACED
              : ReleaseCard.Status.STOPPED;
        }
        default -> {}
      }
    }
    return r.deploymentOf(app, env, tag).isPresent()
        ? ReleaseCard.Status.REPLACED
        : ReleaseCard.Status.NOT_YET;
  }

  public Optional<PromotionCard> promotion(String id) {
    Instant now = clock.instant();
    return store.read(r -> r.promotion(id).map(p -> card(r, p, now)));
  }

  private PromotionCard card(StoreReads r, Promotion p, Instant now) {
    PromotionStatus status = PromotionViews.status(pipeline, r, p, now);
    Optional<EnvironmentDefinition> next = pipeline.nextOf(p.env());
    Optional<Deployment> current = r.currentDeployment(p.app(), p.env());
    return new PromotionCard(
        p,
        r.release(p.app(), p.releaseTag()).orElse(null),
        status.lastEnv(),
        status.approvals(),
        status.bake(),
        status.freeze(),
        steps(r.steps(p.id())),
        status.nextEnv(),
        next.map(n -> pipeline.indexOf(n.name()) == pipeline.environments().size() - 1)
            .orElse(false),
        status.current(),
        rollbackOffer(r, pipeline.env(p.env()).orElseThrow(), status.lastEnv(), p, now)
            .orElse(null),
        current.map(Deployment::releaseTag).orElse(null),
        p.state() == PromotionState.RUNNING ? progress.of(p.id(), p.step()) : null,
        now,
        status.windowWait(),
        current.flatMap(d -> r.release(p.app(), d.releaseTag())).orElse(null),
        pipeline.app(p.app()).map(AppDefinition::source).orElse(null));
  }

  /** The Roll back button the core offers on this promotion's message ({@link RollbackRules}). */
  static Optional<PromotionCard.RollbackOffer> rollbackOffer(
      StoreReads r, EnvironmentDefinition env, boolean last, Promotion p, Instant now) {
    return RollbackRules.offer(r, env, last, p, now)
        .map(o -> new PromotionCard.RollbackOffer(o.targetTag(), o.fromTag()));
  }

  /** The latest outcome of each step, in the order the steps first ran. */
  static List<PromotionCard.StepLine> steps(List<StepRecord> records) {
    Map<Step, PromotionCard.StepLine> latest = new LinkedHashMap<>();
    for (StepRecord s : records) {
      latest.put(s.step(), new PromotionCard.StepLine(s.step(), s.status(), s.detail()));
    }
    return new ArrayList<>(latest.values());
  }
}
