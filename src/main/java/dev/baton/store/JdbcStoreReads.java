package dev.baton.store;

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
import dev.baton.pipeline.port.StoreReads;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads on the connection of the current transaction. */
class JdbcStoreReads implements StoreReads {
  protected final StoreTables t;

  JdbcStoreReads(StoreTables tables) {
    this.t = tables;
  }

  @Override
  public Optional<Release> release(String app, String tag) {
    return t.sql().release(app, tag);
  }

  @Override
  public List<Release> releases(String app, int limit) {
    return t.sql().releases(app, limit);
  }

  @Override
  public Optional<Deployment> currentDeployment(String app, String env) {
    return deployments(app, env, 1).stream().findFirst();
  }

  @Override
  public List<Deployment> deployments(String app, String env, int limit) {
    return t.deployments().findLatest(app, env, Math.max(0, limit)).stream()
        .map(DeploymentRow::toModel)
        .toList();
  }

  @Override
  public Optional<Deployment> deploymentOf(String app, String env, String releaseTag) {
    return t.deployments().findLatestOf(app, env, releaseTag).stream()
        .findFirst()
        .map(DeploymentRow::toModel);
  }

  @Override
  public Optional<Promotion> promotion(String id) {
    return t.promotions().findById(id).map(PromotionRow::toModel);
  }

  @Override
  public Optional<Promotion> openPromotion(String app, String env) {
    return t.promotions().findByOpenLane(app + "/" + env).map(PromotionRow::toModel);
  }

  @Override
  public List<Promotion> promotionsIn(Set<PromotionState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    List<String> names = states.stream().map(Enum::name).toList();
    return t.promotions().findInStates(names).stream().map(PromotionRow::toModel).toList();
  }

  @Override
  public List<Promotion> recentPromotions(String app, int limit) {
    return t.promotions().findRecent(app, Math.max(0, limit)).stream()
        .map(PromotionRow::toModel)
        .toList();
  }

  @Override
  public List<Approval> approvals(String promotionId) {
    return t.sql().approvals(promotionId);
  }

  @Override
  public Optional<Freeze> freeze(String env) {
    return t.freezes().findById(env).map(FreezeRow::toModel);
  }

  @Override
  public List<WakeUp> wakeUpsDue(Instant until, int limit) {
    return t.wakeUps().due(until, limit);
  }

  @Override
  public Optional<Instant> nextWakeUp() {
    return t.wakeUps().next();
  }

  @Override
  public Optional<BakeHealth> bakeHealth(String app, String env, String releaseTag) {
    return t.bakeHealth().find(app, env, releaseTag);
  }

  @Override
  public List<BakeHealth> bakeHealthDue(Instant until, int limit) {
    return t.bakeHealth().due(until, limit);
  }

  @Override
  public Optional<Lease> lease(String lane) {
    return t.leases().findById(lane).map(LeaseRow::toModel);
  }

  @Override
  public List<Lease> leases() {
    return t.leases().findAll().stream()
        .map(LeaseRow::toModel)
        .sorted(Comparator.comparing(Lease::expiresAt))
        .toList();
  }

  @Override
  public List<StepRecord> steps(String promotionId) {
    return t.sql().steps(promotionId);
  }
}
