package dev.baton.pipeline;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.plan.PromotionPlan;
import dev.baton.pipeline.plan.PromotionStep;
import dev.baton.pipeline.plan.StepContext;
import dev.baton.pipeline.plan.StepGraph;
import dev.baton.pipeline.plan.StepOutcome;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Executes approved promotions: the generic loop over the {@link PromotionPlan}. Each step's
 * outcome is persisted before the next starts, under a lease on the (app, environment) lane, so
 * that exactly one runner (in this process or another replica) executes a promotion, and a runner
 * that starts later resumes at the persisted step. Which step follows is the {@link StepGraph}'s
 * decision, never the loop's.
 */
public final class PromotionRunner implements PromotionLauncher {
  private static final System.Logger LOG = System.getLogger(PromotionRunner.class.getName());
  static final String ACTOR = "baton";

  private final PipelinePorts ports;
  private final Executor executor;
  private final LeaseOwner owner;
  private final Duration leaseTtl;
  private final int maxAttempts;
  private final PromotionPlan plan;
  private final PromotionStarter starter;
  private final RunnerWrites writes;
  private final Runnable wakeUpWritten;
  private final StepResults results;
  private final Consumer<Promotion> laneFreed;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param wakeUpWritten called after this runner persisted a wake-up, to arm the timer for it
   * @param laneFreed called after a promotion ended, its lane free for the next one
   */
  public PromotionRunner(
      PipelinePorts ports,
      Executor executor,
      LeaseOwner owner,
      Duration leaseTtl,
      int maxAttempts,
      Runnable wakeUpWritten,
      Consumer<Promotion> laneFreed) {
    this.ports = ports;
    this.executor = executor;
    this.owner = owner;
    this.leaseTtl = leaseTtl;
    this.maxAttempts = maxAttempts;
    this.plan =
        new PromotionPlan(ports, new PromotionFinisher(ports, owner), leaseTtl.dividedBy(2));
    this.starter = new PromotionStarter(ports, owner, leaseTtl);
    this.writes = new RunnerWrites(ports, owner, leaseTtl);
    this.wakeUpWritten = wakeUpWritten;
    this.laneFreed = laneFreed;
    this.results = new StepResults(ports, writes, leaseTtl, maxAttempts, wakeUpWritten);
  }

  @Override
  public void launch(String promotionId) {
    if (stopping) {
      return; // shutting down: another replica, or this one after its restart, takes it
    }
    executor.execute(() -> drive(promotionId));
  }

  /**
   * Graceful shutdown: take no new work, let running steps finish and persist, then release the
   * leases of the promotions this runner stopped driving, so another replica resumes them at once
   * instead of after the lease expires. Returns true when everything was handed over in time.
   */
  public boolean shutdown(Duration grace) {
    stopping = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return inFlight.isEmpty();
  }

  /**
   * Runs the promotion as far as it can go now; returns when it ends, must wait, or is not ours.
   */
  public void drive(String promotionId) {
    if (!inFlight.add(promotionId)) {
      return; // this process already drives it
    }
    try {
      Promotion p = ports.store().read(r -> r.promotion(promotionId)).orElse(null);
      if (p == null || p.state().terminal() || p.state() == PromotionState.PENDING_APPROVAL) {
        return;
      }
      if (p.state() == PromotionState.APPROVED) {
        p = starter.start(p);
        if (p == null) {
          wakeUpWritten.run(); // it waits: for the wake-up its start gate may have written
        }
      } else {
        p = writes.claim(p);
      }
      while (p != null && p.state() == PromotionState.RUNNING && !stopping) {
        p = advance(p);
      }
      if (p != null && p.state() == PromotionState.RUNNING && stopping) {
        writes.handOver(p);
      }
    } catch (LeaseLost e) {
      LOG.log(Level.INFO, "promotion {0}: lease lost to another runner", promotionId);
    } finally {
      inFlight.remove(promotionId);
    }
  }

  /** The identity this runner holds leases under. */
  public String ownerId() {
    return owner.id();
  }

  /** Runs the promotion's current step once; returns it moved on, or null when it must wait. */
  private Promotion advance(Promotion p) {
    Step step = p.step();
    PromotionStep work = plan.step(step);
    if (!work.closes() && p.attempts() >= maxAttempts) {
      return results.failed(
          p, step, false, "interrupted " + p.attempts() + " times without finishing", false);
    }
    Instant startedAt = ports.clock().instant();
    Promotion started =
        work.closes()
            ? p
            : writes.record(p, step, StepRecord.Status.STARTED, p.attempts() + 1, null, p);
    if (!work.closes()) {
      ports.tell(new PipelineEvent.StepChanged(started, step, "started"));
    }
    StepOutcome outcome = run(work, started, step);
    if (outcome instanceof StepOutcome.Ended e) {
      laneFreed.accept(e.promotion());
      return e.promotion();
    }
    if (outcome instanceof StepOutcome.Failed f) {
      return results.failed(started, step, work.closes(), f.message(), f.retryable());
    }
    if (outcome instanceof StepOutcome.Waiting w) {
      return results.waiting(started, step, work.closes(), w, started.attempts() - 1);
    }
    boolean skipped = outcome instanceof StepOutcome.Skipped;
    String detail =
        skipped ? ((StepOutcome.Skipped) outcome).detail() : ((StepOutcome.Done) outcome).detail();
    StepRecord.Status status = skipped ? StepRecord.Status.SKIPPED : StepRecord.Status.SUCCEEDED;
    return results.moveOn(started, step, status, detail, startedAt);
  }

  private StepOutcome run(PromotionStep work, Promotion p, Step step) {
    StepContext context =
        context(p, msg -> ports.tell(new PipelineEvent.StepChanged(p, step, msg)));
    try (LeaseHeartbeat heartbeat = LeaseHeartbeat.start(ports, p, owner, leaseTtl)) {
      return work.run(context);
    } catch (PortException e) {
      return new StepOutcome.Failed(e.getMessage(), e.retryable());
    } catch (LeaseLost e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "promotion " + p.id() + " step " + step + " failed unexpectedly", e);
      String message = "internal error in Baton (" + e.getClass().getSimpleName() + ")";
      return new StepOutcome.Failed(message, false);
    }
  }

  private StepContext context(Promotion p, Consumer<String> progress) {
    Release release = ports.store().read(r -> r.release(p.app(), p.releaseTag())).orElseThrow();
    Release previous =
        p.previousReleaseTag() == null
            ? null
            : ports.store().read(r -> r.release(p.app(), p.previousReleaseTag())).orElseThrow();
    return new StepContext(p, release, previous, ports.env(p.env()), ports.app(p.app()), progress);
  }
}
