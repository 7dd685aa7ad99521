package dev.baton.pipeline;

import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Instant;
import java.util.EnumSet;

/**
 * The safety net behind the wake-ups, run periodically and at startup: expire unapproved promotions
 * past their time-to-live, cancel stale ones, start approved ones whose wait is over, resume
 * running ones whose runner is gone, and auto-deploy the newest build when the first link's lane is
 * free. Every action is a guarded write, so running it on several replicas at once does each thing
 * once.
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
      expireOrCancel(p.id());
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

  /**
   * Ends a request waiting for approval that is past its time-to-live (EXPIRED) or whose source
   * moved on (CANCELLED), as Baton's own act; does nothing otherwise.
   */
  void expireOrCancel(String promotionId) {
    Instant now = ports.clock().instant();
    Promotion ended =
        ports
            .store()
            .write(
                tx -> {
                  Promotion p = tx.promotion(promotionId).orElse(null);
                  if (p == null || p.state() != PromotionState.PENDING_APPROVAL) {
                    return null;
                  }
                  GateInput in = new GateInput(p, ports.env(p.env()), tx, null, now);
                  if (Gates.first(PromotionGates.AT_APPROVAL, in) instanceof Verdict.Denied d) {
                    PromotionState end =
                        d.code() == Verdict.Code.EXPIRED
                            ? PromotionState.EXPIRED
                            : PromotionState.CANCELLED;
                    return Promotions.move(tx, p, end, PromotionRunner.ACTOR, d.reason(), now);
                  }
                  return null;
                });
    if (ended != null) {
      ports.tell(new PipelineEvent.PromotionChanged(ended, PromotionRunner.ACTOR, ended.reason()));
    }
  }
}
