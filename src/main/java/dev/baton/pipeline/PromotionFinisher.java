package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.plan.PromotionEnd;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends a running promotion in one write: the inventory row (on success only), the final state, the
 * lease released, the next link's stale requests cancelled, and a freeze after a rollback.
 */
final class PromotionFinisher implements PromotionEnd {
  private final PipelinePorts ports;
  private final LeaseOwner owner;

  PromotionFinisher(PipelinePorts ports, LeaseOwner owner) {
    this.ports = ports;
    this.owner = owner;
  }

  @Override
  public Promotion succeed(Promotion p) {
    Instant now = ports.clock().instant();
    EnvironmentDefinition env = ports.env(p.env());
    List<PipelineEvent> events = new ArrayList<>();
    Promotion done =
        ports
            .store()
            .write(
                tx -> {
                  Promotion cur = holding(tx, p, now);
                  tx.insertDeployment(
                      new Deployment(
                          ports.ids().get(),
                          p.app(),
                          p.env(),
                          p.releaseTag(),
                          p.digests(),
                          p.kind().deploymentKind(),
                          p.id(),
                          p.requester(),
                          now));
                  tx.insertStep(
                      new StepRecord(
                          p.id(),
                          Step.RECORD_DEPLOYMENT,
                          StepRecord.Status.SUCCEEDED,
                          now,
                          1,
                          null));
                  Promotion succeeded =
                      Promotions.move(
                          tx,
                          cur,
                          PromotionState.SUCCEEDED,
                          PromotionRunner.ACTOR,
                          p.releaseTag() + " runs in " + p.env(),
                          now);
                  tx.deleteLease(p.laneKey());
                  cancelStaleDownstream(tx, p, now, events);
                  if (p.kind() == PromotionKind.ROLLBACK && env.policy().freezeAfterRollback()) {
                    Freeze f =
                        new Freeze(
                            p.env(),
                            PromotionRunner.ACTOR,
                            "rolled back to "
                                + p.releaseTag()
                                + " by "
                                + p.requester()
                                + "; unfreeze when a fix is ready",
                            now,
                            null);
                    tx.putFreeze(f);
                    tx.audit(
                        now,
                        new AuditEntry(
                            PromotionRunner.ACTOR,
                            "env.frozen",
                            p.app(),
                            p.env(),
                            p.releaseTag(),
                            p.id(),
                            FreezeDesk.describe(f)));
                    events.add(
                        new PipelineEvent.FreezeChanged(
                            p.env(), true, PromotionRunner.ACTOR, f.reason()));
                  }
                  return succeeded;
                });
    ports.tell(new PipelineEvent.PromotionChanged(done, PromotionRunner.ACTOR, "succeeded"));
    events.forEach(ports::tell);
    return done;
  }

  @Override
  public Promotion close(Promotion p, PromotionState end, String reason) {
    Instant now = ports.clock().instant();
    Promotion done =
        ports
            .store()
            .write(
                tx -> {
                  Promotion cur = holding(tx, p, now);
                  Promotion closed =
                      Promotions.move(tx, cur, end, PromotionRunner.ACTOR, reason, now);
                  tx.deleteLease(p.laneKey());
                  return closed;
                });
    ports.tell(new PipelineEvent.PromotionChanged(done, PromotionRunner.ACTOR, done.reason()));
    return done;
  }

  private Promotion holding(StoreTx tx, Promotion p, Instant now) {
    var lease = tx.lease(p.laneKey()).orElse(null);
    if (lease == null || !lease.owner().equals(owner.id()) || !lease.promotionId().equals(p.id())) {
      throw new LeaseLost();
    }
    return tx.promotion(p.id()).orElseThrow();
  }

  /** A request to promote the old release of this link onward is stale now. */
  private void cancelStaleDownstream(
      StoreTx tx, Promotion p, Instant now, List<PipelineEvent> events) {
    ports
        .pipeline()
        .nextOf(p.env())
        .ifPresent(
            next ->
                tx.openPromotion(p.app(), next.name())
                    .filter(
                        o ->
                            o.kind() == PromotionKind.PROMOTION
                                && p.env().equals(o.sourceEnv())
                                && o.state() != PromotionState.RUNNING
                                && !o.releaseTag().equals(p.releaseTag()))
                    .ifPresent(
                        o -> {
                          Promotion cancelled =
                              Promotions.move(
                                  tx,
                                  o,
                                  PromotionState.CANCELLED,
                                  PromotionRunner.ACTOR,
                                  StaleReasons.sourceMoved(
                                      o, tx.currentDeployment(p.app(), p.env())),
                                  now);
                          events.add(
                              new PipelineEvent.PromotionChanged(
                                  cancelled, PromotionRunner.ACTOR, cancelled.reason()));
                        }));
  }
}
