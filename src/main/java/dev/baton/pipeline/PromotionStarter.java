package dev.baton.pipeline;

import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.pipeline.port.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves an approved promotion to RUNNING after re-checking every guard against the store and the
 * source cluster (the {@link PromotionGates#AT_START} gates), in the same write that takes the
 * lane's lease. A promotion that must wait (bake time, freeze) stays APPROVED with a wake-up at the
 * instant its gate named; a stale one is cancelled.
 */
final class PromotionStarter {
  private static final System.Logger LOG = System.getLogger(PromotionStarter.class.getName());
  private final PipelinePorts ports;
  private final LeaseOwner owner;
  private final Duration leaseTtl;
  private final FirstDeploymentNotes firstDeployments;
  private final DriftReads drifts;

  PromotionStarter(PipelinePorts ports, LeaseOwner owner, Duration leaseTtl) {
    this.ports = ports;
    this.owner = owner;
    this.leaseTtl = leaseTtl;
    this.firstDeployments = new FirstDeploymentNotes(ports);
    this.drifts = new DriftReads(ports);
  }

  /** Returns the promotion RUNNING, or cancelled, or null when it must wait or is not ours. */
  Promotion start(Promotion seen) {
    EnvironmentDefinition env = ports.env(seen.env());
    AppDefinition app = ports.app(seen.app());
    Map<String, RunningWorkload> sourceRunning = null;
    ThreeWayDrift sourceDrift = null;
    if (seen.kind() == PromotionKind.PROMOTION && seen.sourceEnv() != null) {
      EnvironmentDefinition source = ports.env(seen.sourceEnv());
      try {
        sourceRunning = ports.cluster().running(source, app);
        if (source.gitops()) {
          sourceDrift = drifts.withRunning(source, app, sourceRunning, null);
        }
      } catch (PortException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "promotion {0} waits: cannot read {1}: {2}",
            seen.id(),
            seen.sourceEnv(),
            e.getMessage());
        return null;
      }
    }
    Instant now = ports.clock().instant();
    Map<String, RunningWorkload> running = sourceRunning;
    ThreeWayDrift drift = sourceDrift;
    List<PipelineEvent> told = new ArrayList<>();
    Promotion p =
        ports
            .store()
            .write(
                tx -> {
                  told.clear(); // a retried write starts again
                  return startIn(tx, seen.id(), env, running, drift, told, now);
                });
    if (p != null) {
      ports.tell(
          new PipelineEvent.PromotionChanged(
              p,
              PromotionRunner.ACTOR,
              p.state() == PromotionState.RUNNING ? "started" : p.reason()));
      told.forEach(ports::tell);
      firstDeployments.started(p);
    }
    return p;
  }

  private Promotion startIn(
      StoreTx tx,
      String id,
      EnvironmentDefinition env,
      Map<String, RunningWorkload> sourceRunning,
      ThreeWayDrift sourceDrift,
      List<PipelineEvent> told,
      Instant now) {
    Promotion p = tx.promotion(id).orElseThrow();
    if (p.state() != PromotionState.APPROVED) {
      return null;
    }
    Optional<Lease> lease = tx.lease(p.laneKey());
    if (lease.isPresent() && !owner.mayTake(lease.get(), p.id(), now)) {
      return null;
    }
    GateInput in = new GateInput(p, env, tx, sourceRunning, sourceDrift, now, sourceAnalysis(p));
    Verdict verdict = Gates.first(PromotionGates.AT_START, in);
    if (verdict instanceof Verdict.NotYet wait) {
      if (wait.until() != null) {
        tx.putWakeUp(new WakeUp(p.id(), WakeUp.Kind.START, wait.until()));
      }
      return null; // an unfreeze, or the wake-up, starts it
    }
    if (verdict instanceof Verdict.Denied d) {
      return Promotions.move(
          tx, p, PromotionState.CANCELLED, PromotionRunner.ACTOR, d.reason(), now);
    }
    PipelineEvent override = BreakGlassRecords.overridden(tx, in, PromotionRunner.ACTOR, now);
    if (override != null) {
      told.add(override);
    }
    Optional<Deployment> current = tx.currentDeployment(p.app(), p.env());
    Promotion withPrevious = p.withPrevious(current.map(Deployment::releaseTag).orElse(null));
    Promotion running =
        Promotions.move(
            tx,
            withPrevious,
            PromotionState.RUNNING,
            PromotionRunner.ACTOR,
            "started on "
                + owner.id()
                + current.map(c -> ", replacing " + c.releaseTag()).orElse(""),
            now);
    tx.putLease(new Lease(p.laneKey(), p.id(), owner.id(), now.plus(leaseTtl)));
    return running;
  }

  /** The app's analysis in the source link: its {@code bake} flag gates promotions out of it. */
  private AnalysisPolicy sourceAnalysis(Promotion p) {
    return p.sourceEnv() == null
        ? AnalysisPolicy.NONE
        : ports.pipeline().analysisFor(p.app(), p.sourceEnv());
  }
}
