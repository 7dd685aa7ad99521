package dev.baton.pipeline.port;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import java.time.Instant;

/**
 * Writes inside one transaction. Writing transactions are serialised with each other (they all
 * append to the audit chain), so a read inside one sees every earlier commit.
 */
public interface StoreTx extends StoreReads {
  /** Throws {@link StoreConflict} when the (app, tag) pair exists. */
  void insertRelease(Release release);

  void insertDeployment(Deployment deployment);

  /** Throws {@link StoreConflict} when the lane already has an open promotion. */
  void insertPromotion(Promotion promotion);

  /**
   * Writes the promotion if its stored version equals {@code promotion.version()}; returns it with
   * the version incremented. Throws {@link StoreConflict} otherwise.
   */
  Promotion updatePromotion(Promotion promotion);

  /** Returns false when this approver already approved this promotion. */
  boolean insertApproval(Approval approval);

  void putFreeze(Freeze freeze);

  void deleteFreeze(String env);

  void putLease(Lease lease);

  void deleteLease(String lane);

  void insertStep(StepRecord step);

  /** Writes the wake-up, replacing one of the same promotion and kind. */
  void putWakeUp(WakeUp wakeUp);

  /**
   * Removes this wake-up if it is still stored as it was read (not moved since); true when it was,
   * so that of several replicas handling the same wake-up exactly one acts on it.
   */
  boolean claimWakeUp(WakeUp wakeUp);

  /** Removes every wake-up of the promotion (it started running or ended). */
  void deleteWakeUps(String promotionId);

  /** Writes the record, replacing the one of the same (app, env, release). */
  void putBakeHealth(BakeHealth health);

  /**
   * Moves the record's next evaluation to {@code nextDue} if it is still stored as due at {@code
   * claimed.nextDue()}; true when it was, so that of several replicas exactly one evaluates it.
   */
  boolean claimBakeHealth(BakeHealth claimed, Instant nextDue);

  /** Appends to the hash-chained audit log. */
  AuditEvent audit(Instant at, AuditEntry entry);
}
