package dev.baton.pipeline;

import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews a promotion's lease while one of its steps runs (a rollout wait can outlast the lease), so
 * that no other replica takes over a promotion whose runner is alive.
 */
final class LeaseHeartbeat implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LeaseHeartbeat.class.getName());
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "baton-lease-heartbeat");
            t.setDaemon(true);
            return t;
          });

  private final ScheduledFuture<?> task;

  private LeaseHeartbeat(ScheduledFuture<?> task) {
    this.task = task;
  }

  /** Starts renewing every third of the lease's time-to-live until closed. */
  static LeaseHeartbeat start(
      PipelinePorts ports, Promotion p, LeaseOwner owner, Duration leaseTtl) {
    long period = Math.max(1, leaseTtl.toMillis() / 3);
    return new LeaseHeartbeat(
        TIMER.scheduleAtFixedRate(
            () -> renew(ports, p, owner, leaseTtl), period, period, TimeUnit.MILLISECONDS));
  }

  private static void renew(PipelinePorts ports, Promotion p, LeaseOwner owner, Duration ttl) {
    try {
      ports
          .store()
          .write(
              tx -> {
                Lease lease = tx.lease(p.laneKey()).orElse(null);
                if (lease != null
                    && !lease.handedOver() // released meanwhile: never take it back
                    && lease.owner().equals(owner.id())
                    && lease.promotionId().equals(p.id())) {
                  tx.putLease(
                      new Lease(
                          p.laneKey(), p.id(), owner.id(), ports.clock().instant().plus(ttl)));
                }
                return null;
              });
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "lease renewal of {0} failed: {1}", p.id(), e.toString());
    }
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
