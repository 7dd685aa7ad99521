package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.StoreTx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The runner's writes, each checking first that this runner holds the lane's lease (the one place
 * that does): claiming a running promotion, recording a step's outcome, handing over at shutdown.
 */
final class RunnerWrites {
  private static final String NO_RUNNER = "no runner";
  private final PipelinePorts ports;
  private static final System.Logger LOG = System.getLogger(RunnerWrites.class.getName());
  private final LeaseOwner owner;
  private final Duration leaseTtl;

  RunnerWrites(PipelinePorts ports, LeaseOwner owner, Duration leaseTtl) {
    this.ports = ports;
    this.owner = owner;
    this.leaseTtl = leaseTtl;
  }

  /** Takes the lease of a RUNNING promotion whose runner is gone; null when it is not ours. */
  Promotion claim(Promotion seen) {
    Instant now = ports.clock().instant();
    Lease[] takenFrom = new Lease[1];
    boolean[] resumed = new boolean[1];
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
                    takenFrom[0] = lease;
                    resumed[0] = true;
                    String detail =
                        "at step "
                            + cur.step()
                            + " on "
                            + owner.id()
                            + ", after "
                            + (lease == null ? NO_RUNNER : lease.owner())
                            + (lease != null && lease.handedOver() ? " handed it over" : "");
                    tx.audit(
                        now,
                        AuditEntry.of(PromotionRunner.ACTOR, "promotion.resumed", cur, detail));
                  }
                  tx.putLease(new Lease(cur.laneKey(), cur.id(), owner.id(), now.plus(leaseTtl)));
                  return cur;
                });
    if (p != null && resumed[0]) {
      LOG.log(
          Level.INFO,
          "promotion {0} ({1} to {2}): resumed at {3} by {4}",
          p.id(),
          p.app(),
          p.env(),
          p.step(),
          owner.id());
      ports.tell(new PipelineEvent.PromotionResumed(p, owner.id(), takenFrom[0]));
    }
    return p;
  }

  /**
   * Writes a step record and the promotion's new position ({@code next}; for STARTED and RETRYING
   * the same step with {@code attempt}), renewing the lease for {@code leaseFor} beyond now.
   */
  Promotion record(
      Promotion expected,
      Step step,
      StepRecord.Status status,
      int attempt,
      String detail,
      Promotion next,
      Duration leaseFor) {
    Instant now = ports.clock().instant();
    Promotion written =
        ports
            .store()
            .write(
                tx -> {
                  requireLease(tx, expected, now.plus(leaseFor));
                  tx.insertStep(new StepRecord(expected.id(), step, status, now, attempt, detail));
                  if (status != StepRecord.Status.STARTED) {
                    String action = "step." + status.name().toLowerCase(Locale.ROOT);
                    String what = step + (detail == null ? "" : ": " + detail);
                    tx.audit(now, AuditEntry.of(PromotionRunner.ACTOR, action, expected, what));
                  }
                  boolean stays =
                      status == StepRecord.Status.STARTED || status == StepRecord.Status.RETRYING;
                  return tx.updatePromotion(stays ? expected.withStep(step, attempt, now) : next);
                });
    // One line per step transition, naming who drives it: enough to follow a promotion in the log.
    LOG.log(
        Level.INFO,
        "promotion {0} ({1} to {2}): {3} {4}{5}, runner {6}",
        expected.id(),
        expected.app(),
        expected.env(),
        step,
        status,
        written.step() == step ? "" : " -> " + written.step(),
        owner.id());
    return written;
  }

  /**
   * Renews the lease for {@code leaseFor} beyond now and keeps the promotion at {@code step} with
   * {@code attempt}, without a step record: a step that looks again at what it waits for.
   */
  Promotion keep(Promotion expected, Step step, int attempt, Duration leaseFor) {
    Instant now = ports.clock().instant();
    return ports
        .store()
        .write(
            tx -> {
              requireLease(tx, expected, now.plus(leaseFor));
              return tx.updatePromotion(expected.withStep(step, attempt, now));
            });
  }

  Promotion record(
      Promotion expected,
      Step step,
      StepRecord.Status status,
      int attempt,
      String detail,
      Promotion next) {
    return record(expected, step, status, attempt, detail, next, leaseTtl);
  }

  /** Persists a wake-up of a promotion this runner drives (a step asked to be looked at later). */
  void wakeUpAt(Promotion p, Instant at, Duration leaseFor) {
    Instant now = ports.clock().instant();
    ports
        .store()
        .write(
            tx -> {
              requireLease(tx, p, now.plus(leaseFor));
              tx.putWakeUp(new WakeUp(p.id(), WakeUp.Kind.STEP, at));
              return null;
            });
  }

  /**
   * Releases the lease of a promotion this runner stops driving because it shuts down, marked as
   * handed over so that another replica takes it at once. {@code restore} is the promotion as it
   * was before the abandoned step started: an abandoned run is not an attempt.
   */
  void handOver(Promotion restore) {
    Instant now = ports.clock().instant();
    boolean released =
        ports
            .store()
            .write(
                tx -> {
                  Lease lease = tx.lease(restore.laneKey()).orElse(null);
                  if (lease == null
                      || !lease.owner().equals(owner.id())
                      || !lease.promotionId().equals(restore.id())) {
                    return false;
                  }
                  Promotion cur = tx.promotion(restore.id()).orElse(null);
                  if (cur != null
                      && cur.state() == PromotionState.RUNNING
                      && cur.step() == restore.step()
                      && cur.attempts() > restore.attempts()) {
                    tx.updatePromotion(cur.withStep(restore.step(), restore.attempts(), now));
                  }
                  tx.putLease(lease.handOver(now));
                  String detail = "at step " + restore.step() + ": " + owner.id() + " is stopping";
                  tx.audit(
                      now,
                      AuditEntry.of(
                          PromotionRunner.ACTOR, "promotion.handed-over", restore, detail));
                  return true;
                });
    if (released) {
      LOG.log(
          Level.INFO,
          "promotion {0} ({1} to {2}): handed over at {3} by {4}, which is stopping",
          restore.id(),
          restore.app(),
          restore.env(),
          restore.step(),
          owner.id());
    }
  }

  /**
   * Hands over the leases this runner holds for promotions it does not drive at the moment (a step
   * that waits for its wake-up), skipping {@code driving}.
   */
  void handOverIdle(Set<String> driving) {
    for (Lease lease : ports.store().read(r -> r.leases())) {
      if (lease.owner().equals(owner.id())
          && !lease.handedOver()
          && !driving.contains(lease.promotionId())) {
        ports.store().read(r -> r.promotion(lease.promotionId())).ifPresent(this::handOver);
      }
    }
  }

  /**
   * An approved promotion this stopping runner will not start: a wake-up due now lets another
   * replica start it at once (or this one, after its restart).
   */
  void leaveToOthers(String promotionId) {
    try {
      Instant now = ports.clock().instant();
      ports
          .store()
          .write(
              tx -> {
                Promotion p = tx.promotion(promotionId).orElse(null);
                if (p != null && p.state() == PromotionState.APPROVED) {
                  tx.putWakeUp(new WakeUp(p.id(), WakeUp.Kind.START, now));
                }
                return null;
              });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "promotion {0} left for the sweep: {1}", promotionId, e.toString());
    }
  }

  private void requireLease(StoreTx tx, Promotion p, Instant until) {
    Lease lease = tx.lease(p.laneKey()).orElse(null);
    if (lease == null
        || lease.handedOver()
        || !lease.owner().equals(owner.id())
        || !lease.promotionId().equals(p.id())) {
      throw new LeaseLost();
    }
    tx.putLease(new Lease(p.laneKey(), p.id(), owner.id(), until));
  }
}
