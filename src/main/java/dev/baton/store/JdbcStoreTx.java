package dev.baton.store;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.StoreConflict;
import dev.baton.pipeline.port.StoreTx;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import java.time.Instant;

/**
 * Writes inside one transaction that holds the audit head lock. Because writers are serialised,
 * every uniqueness rule is checked with a read first: a conflict never poisons the transaction
 * (PostgreSQL aborts a transaction after a failed statement), and the constraints stay as a
 * backstop.
 */
final class JdbcStoreTx extends JdbcStoreReads implements StoreTx {
  private AuditSql.Head head;

  JdbcStoreTx(StoreTables tables, AuditSql.Head head) {
    super(tables);
    this.head = head;
  }

  @Override
  public void insertRelease(Release release) {
    if (t.sql().release(release.app(), release.tag()).isPresent()) {
      throw new StoreConflict("release " + release.app() + " " + release.tag() + " exists");
    }
    t.sql().insertRelease(release);
  }

  @Override
  public void insertDeployment(Deployment deployment) {
    if (t.deployments().existsById(deployment.id())) {
      throw new StoreConflict("deployment " + deployment.id() + " exists");
    }
    guard(() -> t.deployments().save(DeploymentRow.of(deployment)));
  }

  @Override
  public void insertPromotion(Promotion promotion) {
    if (promotion.version() != 0) {
      // Micronaut Data starts a @Version at 0 on insert whatever it is given: refuse, not change.
      throw new IllegalArgumentException("a new promotion starts at version 0");
    }
    if (t.promotions().existsById(promotion.id())) {
      throw new StoreConflict("promotion " + promotion.id() + " exists");
    }
    requireLaneFree(promotion);
    guard(() -> t.promotions().save(PromotionRow.of(promotion)));
  }

  @Override
  public Promotion updatePromotion(Promotion promotion) {
    requireLaneFree(promotion);
    try {
      return t.promotions().update(PromotionRow.of(promotion)).toModel();
    } catch (OptimisticLockException e) {
      throw new StoreConflict(
          "promotion " + promotion.id() + " is not at version " + promotion.version(), e);
    }
  }

  @Override
  public boolean insertApproval(Approval approval) {
    if (t.sql().approvalExists(approval.promotionId(), approval.approver())) {
      return false;
    }
    t.sql().insertApproval(approval);
    return true;
  }

  @Override
  public void putFreeze(Freeze freeze) {
    FreezeRow row = FreezeRow.of(freeze);
    if (t.freezes().existsById(freeze.env())) {
      t.freezes().update(row);
    } else {
      t.freezes().save(row);
    }
  }

  @Override
  public void deleteFreeze(String env) {
    t.freezes().deleteById(env);
  }

  @Override
  public void putLease(Lease lease) {
    LeaseRow row = LeaseRow.of(lease);
    if (t.leases().existsById(lease.lane())) {
      t.leases().update(row);
    } else {
      t.leases().save(row);
    }
    if (lease.handedOver()) {
      t.wakeUps().announce(); // another replica takes it over at once
    }
  }

  @Override
  public void deleteLease(String lane) {
    t.leases().deleteById(lane);
  }

  @Override
  public void putWakeUp(WakeUp wakeUp) {
    t.wakeUps().put(wakeUp);
  }

  @Override
  public boolean claimWakeUp(WakeUp wakeUp) {
    return t.wakeUps().claim(wakeUp);
  }

  @Override
  public void deleteWakeUps(String promotionId) {
    t.wakeUps().deleteFor(promotionId);
  }

  @Override
  public void putBakeHealth(BakeHealth health) {
    t.bakeHealth().put(health);
  }

  @Override
  public boolean claimBakeHealth(BakeHealth claimed, Instant nextDue) {
    return t.bakeHealth().claim(claimed, nextDue);
  }

  @Override
  public void insertStep(StepRecord step) {
    t.sql().insertStep(step);
  }

  @Override
  public AuditEvent audit(Instant at, AuditEntry entry) {
    AuditEvent event = AuditChain.next(head.seq(), head.hash(), head.stamp(at), entry);
    t.audit().append(event);
    head = new AuditSql.Head(event.seq(), event.hash(), event.at());
    return event;
  }

  /** A non-terminal promotion needs its lane free of any other open promotion. */
  private void requireLaneFree(Promotion promotion) {
    if (promotion.state().terminal()) {
      return;
    }
    t.promotions()
        .findByOpenLane(promotion.laneKey())
        .filter(open -> !open.id().equals(promotion.id()))
        .ifPresent(
            open -> {
              throw new StoreConflict(
                  "lane " + promotion.laneKey() + " already has open promotion " + open.id());
            });
  }

  private static void guard(Runnable write) {
    try {
      write.run();
    } catch (DataAccessException e) {
      throw Jdbc.conflictOr(e);
    }
  }
}
