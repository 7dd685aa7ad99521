package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.plan.StepGraph;
import dev.baton.pipeline.port.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Creating promotions and moving them between states, each move audited in the same write. */
final class Promotions {
  private Promotions() {}

  static Promotion create(
      String id,
      Release release,
      EnvironmentDefinition env,
      String sourceEnv,
      PromotionKind kind,
      String requester,
      int requiredApprovals,
      Instant now) {
    PromotionState state =
        requiredApprovals > 0 ? PromotionState.PENDING_APPROVAL : PromotionState.APPROVED;
    Instant expires = requiredApprovals > 0 ? now.plus(env.policy().approvalTtl()) : null;
    return new Promotion(
        id,
        release.app(),
        env.name(),
        sourceEnv,
        kind,
        release.tag(),
        release.digests(),
        requester,
        state,
        StepGraph.FIRST,
        null,
        0,
        now,
        expires,
        now,
        null,
        null,
        0);
  }

  /**
   * Inserts and audits a new promotion; one waiting for approval gets its wake-ups: the reminder
   * and the expiry at the end of its time-to-live.
   */
  static Promotion insert(StoreTx tx, Promotion p, EnvironmentPolicy policy, Instant now) {
    tx.insertPromotion(p);
    if (p.state() == PromotionState.PENDING_APPROVAL && p.expiresAt() != null) {
      tx.putWakeUp(new WakeUp(p.id(), WakeUp.Kind.EXPIRE, p.expiresAt()));
      Duration before = policy.reminderBefore();
      if (!before.isNegative() && !before.isZero() && before.compareTo(policy.approvalTtl()) < 0) {
        tx.putWakeUp(new WakeUp(p.id(), WakeUp.Kind.REMIND, p.expiresAt().minus(before)));
      }
    }
    String detail =
        p.kind()
            + (p.sourceEnv() == null ? "" : " from " + p.sourceEnv())
            + ", "
            + p.state()
            + ", digests "
            + p.digests();
    tx.audit(now, AuditEntry.of(p.requester(), "promotion.requested", p, detail));
    return p;
  }

  /** Moves a promotion to {@code next} (checked against the transition table) and audits it. */
  static Promotion move(
      StoreTx tx, Promotion p, PromotionState next, String actor, String why, Instant now) {
    Promotion updated = tx.updatePromotion(p.withState(next, now, why));
    if (next.terminal() || next == PromotionState.RUNNING) {
      tx.deleteWakeUps(p.id()); // nothing is due for it any more
    }
    tx.audit(
        now,
        AuditEntry.of(actor, "promotion." + next.name().toLowerCase(Locale.ROOT), updated, why));
    return updated;
  }

  /** Approvals a promotion of this kind needs in this environment. */
  static int requiredApprovals(EnvironmentDefinition env, PromotionKind kind) {
    return env.policy().approvalsFor(kind);
  }
}
