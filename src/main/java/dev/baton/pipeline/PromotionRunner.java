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
import java.util.Locale;
import java.util.Map;
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
  private final Map<String, RunningDrive> inFlight = new ConcurrentHashMap<>();
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
      writes.leaveToOthers(promotionId); // an approval that reached a stopping replica
      return;
    }
    executor.execute(() -> drive(promotionId));
  }

  /**
   * Graceful shutdown: take no new work, abandon the steps that only wait (a rollout, a Job, smoke
   * checks: the next runner waits again), let the others finish and persist within {@code grace},
   * then hand over every lease this runner holds, so that another replica resumes at once instead
   * of when the lease expires. Returns true when everything was handed over in time.
   */
  public boolean shutdown(Duration grace) {
    stopping = true;
    inFlight.values().forEach(RunningDrive::abandonIfWaiting);
    long deadline = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    inFlight.forEach(
        (id, drive) ->
            LOG.log(
                Level.WARNING, "promotion {0} still runs {1} as Baton stops", id, drive.step()));
    writes.handOverIdle(inFlight.keySet());
    return inFlight.isEmpty();
  }

  /**
   * Runs the promotion as far as it can go now; returns when it ends, must wait, or is not ours.
   */
  public void drive(String promotionId) {
    RunningDrive drive = new RunningDrive(Thread.currentThread());
    if (inFlight.putIfAbsent(promotionId, drive) != null) {
      return; // this process already drives it
    }
    try {
      Promotion p = ports.store().read(r -> r.promotion(promotionId)).orElse(null);
      if (p == null || p.state().terminal() || p.state() == PromotionState.PENDING_APPROVAL) {
        results.forget(promotionId);
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
        p = advance(p, drive);
      }
      if (p != null && p.state() == PromotionState.RUNNING && stopping) {
        writes.handOver(p);
      }
    } catch (LeaseLost e) {
      results.forget(promotionId);
      LOG.log(Level.INFO, "promotion {0}: lease lost to another runner", promotionId);
    } finally {
      inFlight.remove(promotionId);
    }
  }

  /** The identity this runner holds leases under. */
  public String ownerId() {
    return owner.id();
  }

  /**
   * Runs the promotion's current step once; returns it moved on, or null when it must wait or was
   * handed over in the middle of the step.
   */
  private Promotion advance(Promotion p, RunningDrive drive) {
    Step step = p.step();
    PromotionStep work = plan.step(step);
    if (!work.closes() && p.attempts() >= maxAttempts) {
      return results.failed(
          p, step, false, "interrupted " + p.attempts() + " times without finishing", false);
    }
    Instant startedAt = ports.clock().instant();
    // Looking again at what a step waits for is not a new start: no STARTED record, no "started"
    boolean looksAgain = results.resumesWait(p);
    Promotion started;
    if (work.closes()) {
      started = p;
    } else if (looksAgain) {
      started = writes.keep(p, step, p.attempts() + 1, leaseTtl);
    } else {
      started = writes.record(p, step, StepRecord.Status.STARTED, p.attempts() + 1, null, p);
      ports.tell(new PipelineEvent.StepChanged(started, step, "started"));
    }
    StepOutcome outcome;
    drive.entering(step, work);
    if (stopping) {
      drive.abandonIfWaiting(); // entered after shutdown looked at the running steps
    }
    try {
      outcome = run(work, started, step);
    } finally {
      drive.left();
    }
    traceStep(started, step, drive.abandoned() ? null : outcome, startedAt);
    if (!(outcome instanceof StepOutcome.Waiting) || drive.abandoned()) {
      results.forget(p.id());
    }
    if (drive.abandoned()) {
      writes.handOver(p); // whatever the abandoned step said; the next runner runs it again
      return null;
    }
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

  /** The attempt in the promotion's trace; a null outcome is an attempt abandoned at shutdown. */
  private void traceStep(Promotion p, Step step, StepOutcome outcome, Instant startedAt) {
    String detail = "abandoned as Baton stopped";
    if (outcome instanceof StepOutcome.Done d) {
      detail = d.detail();
    } else if (outcome instanceof StepOutcome.Skipped k) {
      detail = k.detail();
    } else if (outcome instanceof StepOutcome.Failed f) {
      detail = f.message();
    } else if (outcome instanceof StepOutcome.Waiting w) {
      detail = w.detail();
    } else if (outcome instanceof StepOutcome.Ended e) {
      detail = e.promotion().state().name().toLowerCase(Locale.ROOT);
    }
    String name =
        outcome == null ? "abandoned" : outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    ports.traceStep(p, step, name, detail, startedAt, ports.clock().instant());
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
