package dev.baton.pipeline;

import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.StoreTx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Executes approved promotions step by step. Each step's outcome is persisted before the next
 * starts, under a lease on the (app, environment) lane, so that exactly one runner (in this process
 * or another replica) executes a promotion, and a runner that starts later resumes at the persisted
 * step.
 */
public final class PromotionRunner implements PromotionLauncher {
  private static final System.Logger LOG = System.getLogger(PromotionRunner.class.getName());
  static final String ACTOR = "baton";

  private final PipelinePorts ports;
  private final Executor executor;
  private static final String NO_RUNNER = "no runner";
  private final LeaseOwner owner;
  private final Duration leaseTtl;
  private final int maxAttempts;
  private final StepExecutor steps;
  private final PromotionStarter starter;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public PromotionRunner(
      PipelinePorts ports,
      Executor executor,
      LeaseOwner owner,
      Duration leaseTtl,
      int maxAttempts) {
    this.ports = ports;
    this.executor = executor;
    this.owner = owner;
    this.leaseTtl = leaseTtl;
    this.maxAttempts = maxAttempts;
    this.steps = new StepExecutor(ports);
    this.starter = new PromotionStarter(ports, owner, leaseTtl);
  }

  private volatile boolean stopping;

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

  private void handOver(Promotion p) {
    Instant now = ports.clock().instant();
    ports
        .store()
        .write(
            tx -> {
              Lease lease = tx.lease(p.laneKey()).orElse(null);
              if (lease != null && lease.owner().equals(owner.id())) {
                tx.deleteLease(p.laneKey());
                tx.audit(
                    now,
                    dev.baton.pipeline.model.AuditEntry.of(
                        ACTOR,
                        "promotion.handed-over",
                        p,
                        "at step " + p.step() + ": " + owner.id() + " is shutting down"));
              }
              return null;
            });
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
      p = p.state() == PromotionState.APPROVED ? starter.start(p) : claim(p);
      while (p != null && p.state() == PromotionState.RUNNING && !stopping) {
        p = advance(p);
      }
      if (p != null && p.state() == PromotionState.RUNNING && stopping) {
        handOver(p);
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

  /** True while this process is executing the promotion. */
  public boolean isDriving(String promotionId) {
    return inFlight.contains(promotionId);
  }

  private Promotion claim(Promotion seen) {
    Instant now = ports.clock().instant();
    String[] takenFrom = new String[1];
    Promotion p =
        ports
            .store()
            .write(
                tx -> {
                  Promotion cur = tx.promotion(seen.id()).orElseThrow();
                  if (cur.state() != PromotionState.RUNNING) {
                    return null;
                  }
                  Lease lease = tx.lease(cur.laneKey()).orElse(null);
                  if (lease != null && !owner.mayTake(lease, cur.id(), now)) {
                    return null;
                  }
                  if (lease == null || !lease.owner().equals(owner.id())) {
                    takenFrom[0] = lease == null ? NO_RUNNER : lease.owner();
                    tx.audit(
                        now,
                        dev.baton.pipeline.model.AuditEntry.of(
                            ACTOR,
                            "promotion.resumed",
                            cur,
                            "at step "
                                + cur.step()
                                + " on "
                                + owner.id()
                                + ", after "
                                + takenFrom[0]));
                  }
                  tx.putLease(new Lease(cur.laneKey(), cur.id(), owner.id(), now.plus(leaseTtl)));
                  return cur;
                });
    if (p != null && takenFrom[0] != null) {
      String previous = NO_RUNNER.equals(takenFrom[0]) ? null : takenFrom[0];
      ports.tell(new PipelineEvent.PromotionResumed(p, owner.id(), previous));
    }
    return p;
  }

  private Promotion advance(Promotion p) {
    Step step = p.step();
    switch (step) {
      case RECORD_DEPLOYMENT:
        return confirmThen(p, p.digests(), () -> finisher().succeed(p), Step.RECORD_DEPLOYMENT);
      case CLOSE_FAILED:
        return finisher().close(p, PromotionState.FAILED, p.reason());
      case CLOSE_ROLLED_BACK:
        return confirmThen(
            p,
            target(p).previous().digests(),
            () -> finisher().close(p, PromotionState.ROLLED_BACK, p.reason()),
            Step.CLOSE_ROLLED_BACK);
      default:
        break;
    }
    if (p.attempts() >= maxAttempts) {
      return failed(p, step, "interrupted " + p.attempts() + " times without finishing", false);
    }
    Instant startedAt = ports.clock().instant();
    Promotion started = persist(p, step, StepRecord.Status.STARTED, p.attempts() + 1, null, p);
    ports.tell(new PipelineEvent.StepChanged(started, step, "started"));
    StepExecutor.Outcome outcome;
    try (LeaseHeartbeat heartbeat = LeaseHeartbeat.start(ports, started, owner, leaseTtl)) {
      outcome =
          steps.execute(
              step,
              target(started),
              msg -> ports.tell(new PipelineEvent.StepChanged(started, step, msg)));
    } catch (PortException e) {
      return failed(started, step, e.getMessage(), e.retryable());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "promotion " + p.id() + " step " + step + " failed unexpectedly", e);
      return failed(
          started, step, "internal error in Baton (" + e.getClass().getSimpleName() + ")", false);
    }
    Step next = next(started, step);
    Promotion moved =
        persist(
            started,
            step,
            outcome.skipped() ? StepRecord.Status.SKIPPED : StepRecord.Status.SUCCEEDED,
            started.attempts(),
            outcome.detail(),
            started.withStep(next, 0, startedAt));
    ports.tell(new PipelineEvent.StepChanged(moved, step, outcome.detail()));
    return moved;
  }

  private PromotionFinisher finisher() {
    return new PromotionFinisher(ports, owner, leaseTtl);
  }

  /**
   * Reads what the environment runs before the promotion ends: a workload changed behind Baton's
   * back (for example while this runner was down) must not be recorded as deployed. When the
   * cluster cannot be read, the runner stops and the sweeper tries again later.
   */
  private Promotion confirmThen(
      Promotion p,
      java.util.Map<String, String> digests,
      java.util.function.Supplier<Promotion> end,
      Step step) {
    java.util.Optional<String> problem;
    try {
      problem = steps.confirmRunning(p, digests);
    } catch (PortException e) {
      if (!e.retryable()) {
        // no access, no configuration: waiting would hide it; fail and say why
        return step == Step.CLOSE_ROLLED_BACK
            ? finisher().close(p, PromotionState.FAILED, p.reason() + "; then " + e.getMessage())
            : failed(p, step, "could not confirm what runs: " + e.getMessage(), false);
      }
      LOG.log(Level.WARNING, "promotion {0} waits: {1}", p.id(), e.getMessage());
      return null;
    }
    if (problem.isEmpty()) {
      return end.get();
    }
    if (step == Step.CLOSE_ROLLED_BACK) {
      return finisher()
          .close(
              p, PromotionState.FAILED, p.reason() + "; after the auto-rollback " + problem.get());
    }
    return failed(p, step, problem.get(), false);
  }

  private Promotion failed(Promotion p, Step step, String message, boolean retryable) {
    if (retryable && p.attempts() < maxAttempts) {
      return persist(p, step, StepRecord.Status.RETRYING, p.attempts(), message, p);
    }
    if (retryable && step.restores()) {
      // Giving up here would leave half-moved tags or the failed release running while the
      // inventory names the previous one. Wait instead: the sweeper tries again, with fresh
      // attempts, until the registry or the cluster answers (or says no for good).
      persist(
          p,
          step,
          StepRecord.Status.RETRYING,
          0,
          message + "; waiting for it to answer, trying again at the next sweep",
          p);
      LOG.log(Level.WARNING, "promotion {0} waits in {1}: {2}", p.id(), step, message);
      return null;
    }
    String reason =
        step.recovery()
            ? p.reason() + "; then " + describe(step) + " failed: " + message
            : describe(step) + " failed: " + message;
    Step recovery = recoveryAfterFailure(p, step);
    Step failedStep = step.recovery() ? p.failedStep() : step;
    Promotion moved =
        persist(
            p,
            step,
            StepRecord.Status.FAILED,
            p.attempts(),
            message,
            p.withFailure(failedStep, recovery, reason, ports.clock().instant()));
    ports.tell(new PipelineEvent.StepChanged(moved, step, "failed: " + message));
    return moved;
  }

  /**
   * Writes a step record and the promotion's new position, if this runner still holds the lease.
   */
  private Promotion persist(
      Promotion expected,
      Step step,
      StepRecord.Status status,
      int attempt,
      String detail,
      Promotion next) {
    Instant now = ports.clock().instant();
    return ports
        .store()
        .write(
            tx -> {
              requireLease(tx, expected, now);
              tx.insertStep(new StepRecord(expected.id(), step, status, now, attempt, detail));
              if (status != StepRecord.Status.STARTED) {
                tx.audit(
                    now,
                    dev.baton.pipeline.model.AuditEntry.of(
                        ACTOR,
                        "step." + status.name().toLowerCase(java.util.Locale.ROOT),
                        expected,
                        step + (detail == null ? "" : ": " + detail)));
              }
              Promotion toWrite =
                  status == StepRecord.Status.STARTED
                      ? expected.withStep(step, attempt, now)
                      : status == StepRecord.Status.RETRYING
                          ? expected.withStep(step, attempt, now)
                          : next;
              return tx.updatePromotion(toWrite);
            });
  }

  private void requireLease(StoreTx tx, Promotion p, Instant now) {
    Lease lease = tx.lease(p.laneKey()).orElse(null);
    if (lease == null || !lease.owner().equals(owner.id()) || !lease.promotionId().equals(p.id())) {
      throw new LeaseLost();
    }
    tx.putLease(new Lease(p.laneKey(), p.id(), owner.id(), now.plus(leaseTtl)));
  }

  private Step next(Promotion p, Step done) {
    return switch (done) {
      case VERIFY_IMAGES -> Step.MIGRATE_BEFORE;
      case MIGRATE_BEFORE -> Step.SET_IMAGES;
      case SET_IMAGES -> Step.AWAIT_ROLLOUT;
      case AWAIT_ROLLOUT -> Step.MIGRATE_AFTER;
      case MIGRATE_AFTER -> Step.SMOKE_CHECKS;
      case SMOKE_CHECKS -> Step.MOVE_POINTER_TAGS;
      case MOVE_POINTER_TAGS -> Step.RECORD_DEPLOYMENT;
      case RESTORE_POINTER_TAGS ->
          rollbackWanted(p, p.failedStep()) ? Step.ROLLBACK_SET_IMAGES : Step.CLOSE_FAILED;
      case ROLLBACK_SET_IMAGES -> Step.ROLLBACK_AWAIT_ROLLOUT;
      case ROLLBACK_AWAIT_ROLLOUT -> Step.CLOSE_ROLLED_BACK;
      default -> throw new IllegalStateException("no step follows " + done);
    };
  }

  private Step recoveryAfterFailure(Promotion p, Step failed) {
    if (failed == Step.MOVE_POINTER_TAGS || failed == Step.RECORD_DEPLOYMENT) {
      return Step.RESTORE_POINTER_TAGS;
    }
    if (failed == Step.RESTORE_POINTER_TAGS && rollbackWanted(p, p.failedStep())) {
      return Step.ROLLBACK_SET_IMAGES;
    }
    if (!failed.recovery() && rollbackWanted(p, failed)) {
      return Step.ROLLBACK_SET_IMAGES;
    }
    return Step.CLOSE_FAILED;
  }

  /**
   * Auto-rollback applies when the policy wants it, the cluster was touched and there is a release
   * to restore.
   */
  private boolean rollbackWanted(Promotion p, Step failed) {
    return failed != null
        && failed.touchesCluster()
        && p.kind() != PromotionKind.ROLLBACK
        && p.previousReleaseTag() != null
        && ports.env(p.env()).policy().autoRollback();
  }

  private StepExecutor.Target target(Promotion p) {
    Release release = ports.store().read(r -> r.release(p.app(), p.releaseTag())).orElseThrow();
    Release previous =
        p.previousReleaseTag() == null
            ? null
            : ports.store().read(r -> r.release(p.app(), p.previousReleaseTag())).orElseThrow();
    return new StepExecutor.Target(p, release, previous);
  }

  static String describe(Step step) {
    return step.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Another runner holds the lane's lease: stop quietly, it carries on. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }
}
