package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.plan.StepGraph;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;

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

  /** Inserts and audits a new promotion. */
  static Promotion insert(StoreTx tx, Promotion p, Instant now) {
    tx.insertPromotion(p);
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
    tx.audit(
        now,
        AuditEntry.of(
            actor, "promotion." + next.name().toLowerCase(java.util.Locale.ROOT), updated, why));
    return updated;
  }

  /** Approvals a promotion of this kind needs in this environment. */
  static int requiredApprovals(EnvironmentDefinition env, PromotionKind kind) {
    return env.policy().approvalsFor(kind);
  }
}
