package dev.baton.pipeline;

import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Time-driven work, run periodically and at startup: expire unapproved promotions, cancel stale
 * ones, start approved ones whose wait is over, resume running ones whose runner is gone, and
 * auto-deploy the newest build when the first link's lane is free. Every action is a guarded write,
 * so running it on several replicas at once does each thing once.
 */
public final class PromotionSweeper {
  private final PipelinePorts ports;
  private final PromotionLauncher launcher;
  private final AutoDeployer autoDeployer;

  public PromotionSweeper(
      PipelinePorts ports, PromotionLauncher launcher, AutoDeployer autoDeployer) {
    this.ports = ports;
    this.launcher = launcher;
    this.autoDeployer = autoDeployer;
  }

  public void sweep() {
    for (Promotion p :
        ports.store().read(r -> r.promotionsIn(EnumSet.of(PromotionState.PENDING_APPROVAL)))) {
      expireOrCancel(p);
    }
    for (Promotion p :
        ports
            .store()
            .read(
                r -> r.promotionsIn(EnumSet.of(PromotionState.APPROVED, PromotionState.RUNNING)))) {
      launcher.launch(p.id());
    }
    for (String app : ports.pipeline().apps().keySet()) {
      autoDeployer.catchUp(app);
    }
  }

  private void expireOrCancel(Promotion seen) {
    Instant now = ports.clock().instant();
    Promotion ended =
        ports
            .store()
            .write(
                tx -> {
                  Promotion p = tx.promotion(seen.id()).orElseThrow();
                  if (p.state() != PromotionState.PENDING_APPROVAL) {
                    return null;
                  }
                  if (p.expiresAt() != null && !now.isBefore(p.expiresAt())) {
                    return Promotions.move(
                        tx,
                        p,
                        PromotionState.EXPIRED,
                        PromotionRunner.ACTOR,
                        "not approved within "
                            + dev.baton.pipeline.guard.Durations.human(
                                java.time.Duration.between(p.requestedAt(), p.expiresAt())),
                        now);
                  }
                  if (p.sourceEnv() != null) {
                    Optional<Deployment> src = tx.currentDeployment(p.app(), p.sourceEnv());
                    if (src.isEmpty() || !src.get().releaseTag().equals(p.releaseTag())) {
                      return Promotions.move(
                          tx,
                          p,
                          PromotionState.CANCELLED,
                          PromotionRunner.ACTOR,
                          "stale: " + p.sourceEnv() + " no longer runs " + p.releaseTag(),
                          now);
                    }
                  }
                  return null;
                });
    if (ended != null) {
      ports.tell(new PipelineEvent.PromotionChanged(ended, PromotionRunner.ACTOR, ended.reason()));
    }
  }
}
