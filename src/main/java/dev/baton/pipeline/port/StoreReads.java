package dev.baton.pipeline.port;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads of the pipeline's persistent state. */
public interface StoreReads {
  Optional<Release> release(String app, String tag);

  /** Newest first. */
  List<Release> releases(String app, int limit);

  /** The environment's current release: its latest deployment. */
  Optional<Deployment> currentDeployment(String app, String env);

  /** Newest first. */
  List<Deployment> deployments(String app, String env, int limit);

  /** The latest deployment of this release in this environment, if it ever ran there. */
  Optional<Deployment> deploymentOf(String app, String env, String releaseTag);

  Optional<Promotion> promotion(String id);

  /** The non-terminal promotion of the lane, if any (there is at most one). */
  Optional<Promotion> openPromotion(String app, String env);

  /** Promotions in any of these states, oldest first. */
  List<Promotion> promotionsIn(Set<PromotionState> states);

  /** Newest first. */
  List<Promotion> recentPromotions(String app, int limit);

  /** In approval order. */
  List<Approval> approvals(String promotionId);

  Optional<Freeze> freeze(String env);

  Optional<Lease> lease(String lane);

  /** Every lease (one per lane with a running promotion), soonest expiry first. */
  List<Lease> leases();

  /** In the order written. */
  List<StepRecord> steps(String promotionId);

  /** Wake-ups due at or before {@code until}, earliest first, at most {@code limit}. */
  List<WakeUp> wakeUpsDue(Instant until, int limit);

  /** The earliest wake-up of all, if any. */
  Optional<Instant> nextWakeUp();

  /** The metric-gated bake record of a release in an environment, if the watcher made one. */
  Optional<BakeHealth> bakeHealth(String app, String env, String releaseTag);

  /** Bake-health records due at or before {@code until}, earliest first, at most {@code limit}. */
  List<BakeHealth> bakeHealthDue(Instant until, int limit);
}
