package dev.baton.pipeline;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.plan.PromotionPlan;
import dev.baton.pipeline.plan.StepGraph;
import dev.baton.pipeline.plan.StepOutcome;
import dev.baton.pipeline.port.PipelineEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runner persists after a step ran: the step the {@link StepGraph} names next, a retry, a
 * wait with its wake-up, or a failure and the recovery step the graph names for it.
 */
final class StepResults {
  private static final System.Logger LOG = System.getLogger(StepResults.class.getName());
  private final PipelinePorts ports;
  private final RunnerWrites writes;
  private final Duration leaseTtl;
  private final int maxAttempts;
  private final Runnable wakeUpWritten;

  /** A wait as this runner last recorded it: the step, the attempt count and what it waits for. */
  private record RecordedWait(Step step, int attempts, String waitsFor) {}

  /**
   * The wait each promotion this runner drives was last recorded with, by promotion id, until its
   * step ends. Kept in memory: after a takeover the new runner records the wait once more.
   */
  private final Map<String, RecordedWait> waits = new ConcurrentHashMap<>();

  StepResults(
      PipelinePorts ports,
      RunnerWrites writes,
      Duration leaseTtl,
      int maxAttempts,
      Runnable wakeUpWritten) {
    this.ports = ports;
    this.writes = writes;
    this.leaseTtl = leaseTtl;
    this.maxAttempts = maxAttempts;
    this.wakeUpWritten = wakeUpWritten;
  }

  Promotion moveOn(
      Promotion p, Step step, StepRecord.Status status, String detail, Instant startedAt) {
    Step next =
        graph(p)
            .afterSuccess(step, p.failedStep())
            .orElseThrow(() -> new IllegalStateException("no step follows " + step));
    Promotion moved =
        writes.record(p, step, status, p.attempts(), detail, p.withStep(next, 0, startedAt));
    ports.tell(new PipelineEvent.StepChanged(moved, step, detail));
    return moved;
  }

  /**
   * The step looks again later: the lease is kept until then, and the wake-up is persisted. The
   * wait is recorded (a RETRYING step record and a {@code step.retrying} audit entry) when what it
   * waits for changed since this runner last recorded it; a repeated look only renews the lease.
   */
  Promotion waiting(Promotion p, Step step, boolean closes, StepOutcome.Waiting w, int attempts) {
    int kept = Math.max(0, attempts);
    Duration leaseFor = w.lookAgainAfter().plus(leaseTtl);
    RecordedWait last = waits.get(p.id());
    boolean repeats = last != null && last.step() == step && last.waitsFor().equals(w.waitsFor());
    if (!repeats) {
      LOG.log(Level.INFO, "promotion {0} waits in {1}: {2}", p.id(), step, w.detail());
    }
    if (!closes) {
      if (repeats) {
        writes.keep(p, step, kept, leaseFor);
      } else {
        writes.record(p, step, StepRecord.Status.RETRYING, kept, w.detail(), p, leaseFor);
      }
    }
    waits.put(p.id(), new RecordedWait(step, kept, w.waitsFor()));
    writes.wakeUpAt(p, ports.clock().instant().plus(w.lookAgainAfter()), leaseFor);
    wakeUpWritten.run();
    return null;
  }

  /**
   * True when {@code p} comes back to a step whose wait this runner recorded: looking again is not
   * a new start of the step, so it gets no STARTED record of its own.
   */
  boolean resumesWait(Promotion p) {
    RecordedWait w = waits.get(p.id());
    return w != null && w.step() == p.step() && w.attempts() == p.attempts();
  }

  /** The promotion's step ended, or the promotion is no longer this runner's: no wait to repeat. */
  void forget(String promotionId) {
    waits.remove(promotionId);
  }

  Promotion failed(Promotion p, Step step, boolean closes, String message, boolean retryable) {
    if (retryable && p.attempts() < maxAttempts) {
      return writes.record(p, step, StepRecord.Status.RETRYING, p.attempts(), message, p);
    }
    if (retryable && StepGraph.neverGivesUp(step)) {
      // Giving up here would leave half-moved tags or the failed release running while the
      // inventory names the previous one: wait for the registry or the cluster to answer.
      Duration after = leaseTtl.dividedBy(2);
      String detail =
          message + "; waiting for it to answer, trying again in " + Durations.human(after);
      return waiting(p, step, closes, new StepOutcome.Waiting(detail, after), 0);
    }
    String reason =
        step.recovery()
            ? p.reason() + "; then " + describe(step) + " failed: " + message
            : describe(step) + " failed: " + message;
    Step recovery = graph(p).afterFailure(step, p.failedStep(), retryable);
    Step failedStep = step.recovery() ? p.failedStep() : step;
    Promotion moved =
        writes.record(
            p,
            step,
            StepRecord.Status.FAILED,
            p.attempts(),
            message,
            p.withFailure(failedStep, recovery, reason, ports.clock().instant()));
    ports.tell(new PipelineEvent.StepChanged(moved, step, "failed: " + message));
    return moved;
  }

  private StepGraph graph(Promotion p) {
    return PromotionPlan.graph(p, ports.env(p.env()));
  }

  static String describe(Step step) {
    return step.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
