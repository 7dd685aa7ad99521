package dev.baton.pipeline;

import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.Timer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Does time-driven work at its instant. Decisions that must be looked at again later (a bake that
 * ends at t, an approval that expires at t) persist a {@link WakeUp} in their own write; this keeps
 * one timer armed for the earliest of them, claims each when due (so that of several replicas one
 * acts) and hands it on: start the promotion, expire it, remind its approvers. It also looks at the
 * store every {@code poll}, so wake-ups written by another replica are honoured within that time
 * (at once where the store announces them, see {@link #rearm()}); the periodic sweep stays as a
 * safety net.
 *
 * <p>Leases are wake-ups too: the instant another runner's lease expires (it stopped answering) or
 * it is handed over (its replica stops), the promotion is launched here, so a takeover waits for
 * the lease and not for the next sweep.
 */
public final class WakeUps {
  private static final System.Logger LOG = System.getLogger(WakeUps.class.getName());
  private static final int BATCH = 200;
  private final PipelinePorts ports;
  private final Timer timer;
  private final Duration poll;
  private final PromotionLauncher launcher;
  private final PromotionSweeper sweeper;
  private final String self;
  private Timer.Scheduled armed;
  private Instant armedAt;
  private Timer.Scheduled polling;
  private volatile boolean stopped;

  /** Leases that expired up to this instant have been looked at. */
  private Instant leasesSeenUntil;

  WakeUps(
      PipelinePorts ports,
      Timer timer,
      Duration poll,
      PromotionLauncher launcher,
      PromotionSweeper sweeper,
      String self) {
    this.ports = ports;
    this.self = self;
    this.timer = timer;
    this.poll = poll;
    this.launcher = launcher;
    this.sweeper = sweeper;
  }

  /** Starts looking at the store every poll interval (and arms the timer at once). */
  public synchronized void start() {
    stopped = false;
    leasesSeenUntil = ports.clock().instant(); // the startup sweep took those already expired
    pollNow();
  }

  public synchronized void stop() {
    stopped = true;
    cancel(armed);
    cancel(polling);
    armed = null;
    armedAt = null;
  }

  /** Arms the timer for the earliest persisted wake-up: call after writing one. */
  public synchronized void rearm() {
    if (stopped) {
      return;
    }
    Optional<Instant> next;
    try {
      next = ports.store().read(r -> earliest(r.nextWakeUp(), nextLeaseEnd(r.leases())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "wake-ups not read: {0}", e.toString());
      return;
    }
    if (next.isEmpty() || next.get().equals(armedAt)) {
      return;
    }
    cancel(armed);
    armedAt = next.get();
    armed = timer.at(armedAt, this::fire);
  }

  private void pollNow() {
    rearm();
    synchronized (this) {
      if (!stopped) {
        polling = timer.at(ports.clock().instant().plus(poll), this::pollNow);
      }
    }
  }

  /** Handles every wake-up due now, then arms the timer for the next one. */
  void fire() {
    synchronized (this) {
      armed = null;
      armedAt = null;
    }
    List<WakeUp> due;
    try {
      do {
        Instant now = ports.clock().instant();
        due = ports.store().read(r -> r.wakeUpsDue(now, BATCH));
        for (WakeUp w : due) {
          if (claim(w)) {
            handle(w);
          }
        }
      } while (due.size() == BATCH && !stopped);
      takeOverEndedLeases();
    } catch (RuntimeException e) {
      // the store does not answer: the next poll looks again, rather than a tight loop now
      LOG.log(
          Level.WARNING, "wake-ups not handled, trying again at the next poll: {0}", e.toString());
      return;
    }
    rearm();
  }

  /** The earliest lease of another runner ending after the ones already looked at. */
  private synchronized Optional<Instant> nextLeaseEnd(List<Lease> leases) {
    return leases.stream()
        .filter(l -> !mine(l) && leasesSeenUntil != null && l.expiresAt().isAfter(leasesSeenUntil))
        .map(Lease::expiresAt)
        .min(Comparator.naturalOrder());
  }

  private void takeOverEndedLeases() {
    Instant now = ports.clock().instant();
    Instant since;
    synchronized (this) {
      since = leasesSeenUntil;
      leasesSeenUntil = now;
    }
    if (since == null) {
      return;
    }
    for (Lease l : ports.store().read(r -> r.leases())) {
      if (!mine(l) && l.expiresAt().isAfter(since) && !l.expiresAt().isAfter(now)) {
        LOG.log(
            Level.INFO,
            "promotion {0}: lease of {1} {2} at {3}",
            l.promotionId(),
            l.owner(),
            l.handedOver() ? "handed over" : "expired",
            l.expiresAt());
        launcher.launch(l.promotionId());
      }
    }
  }

  private boolean mine(Lease l) {
    return l.owner().equals(self);
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isBefore(b.get()) ? a : b;
  }

  private boolean claim(WakeUp w) {
    return ports.store().write(tx -> tx.claimWakeUp(w));
  }

  private void handle(WakeUp w) {
    try {
      switch (w.kind()) {
        case START, STEP -> launcher.launch(w.promotionId());
        case EXPIRE -> sweeper.expireOrCancel(w.promotionId());
        case REMIND -> remind(w.promotionId());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "wake-up " + w.id() + " failed; the sweep tries again", e);
    }
  }

  private void remind(String promotionId) {
    Optional<Promotion> p = ports.store().read(r -> r.promotion(promotionId));
    if (p.isPresent() && p.get().state() == PromotionState.PENDING_APPROVAL) {
      ports.tell(new PipelineEvent.ApprovalReminderDue(p.get()));
    }
  }

  private static void cancel(Timer.Scheduled s) {
    if (s != null) {
      s.cancel();
    }
  }
}
