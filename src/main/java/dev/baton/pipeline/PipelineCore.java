package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.Timer;
import dev.baton.pipeline.view.PromotionViews;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The core's application services, wired over one set of ports. Adapters call these only. */
public record PipelineCore(
    PipelinePorts ports,
    BuildRegistrar builds,
    PromotionDesk promotions,
    RollbackDesk rollbacks,
    FreezeDesk freezes,
    PromotionRunner runner,
    PromotionSweeper sweeper,
    PipelineQueries queries,
    PromotionViews views,
    WakeUps wakeUps,
    BakeWatcher bakes) {

  /** How often the wake-ups written by other replicas are looked for. */
  public static final Duration DEFAULT_WAKE_UP_POLL = Duration.ofSeconds(1);

  /** The core with the production timer and wake-up poll. */
  public static PipelineCore create(
      PipelinePorts ports,
      Executor executor,
      LeaseOwner owner,
      Duration leaseTtl,
      int maxAttempts) {
    return create(
        ports,
        executor,
        owner,
        leaseTtl,
        maxAttempts,
        new SystemTimer(ports.clock()),
        DEFAULT_WAKE_UP_POLL);
  }

  /**
   * @param executor runs promotions; each occupies a thread while it executes
   * @param owner the identity this replica holds leases under
   * @param leaseTtl how long a lease lasts without renewal; a dead runner's promotion is taken over
   *     after this
   * @param maxAttempts attempts of a step that fails with a retryable error, or is interrupted
   * @param timer runs the wake-ups at their instant
   * @param wakeUpPoll how often the store is read for wake-ups other replicas wrote
   */
  public static PipelineCore create(
      PipelinePorts ports,
      Executor executor,
      LeaseOwner owner,
      Duration leaseTtl,
      int maxAttempts,
      Timer timer,
      Duration wakeUpPoll) {
    AtomicReference<WakeUps> wakeUps = new AtomicReference<>();
    Runnable rearm =
        () -> {
          WakeUps w = wakeUps.get();
          if (w != null) {
            w.rearm();
          }
        };
    AtomicReference<AutoDeployer> deployer = new AtomicReference<>();
    // a build registered while the first link was busy deploys as soon as the lane is free
    Consumer<Promotion> laneFreed =
        p -> {
          if (p.env().equals(ports.pipeline().first().name()) && deployer.get() != null) {
            deployer.get().catchUp(p.app());
          }
        };
    PromotionRunner runner =
        new PromotionRunner(ports, executor, owner, leaseTtl, maxAttempts, rearm, laneFreed);
    AutoDeployer autoDeployer = new AutoDeployer(ports, runner);
    deployer.set(autoDeployer);
    PromotionSweeper sweeper = new PromotionSweeper(ports, runner, autoDeployer);
    wakeUps.set(new WakeUps(ports, timer, wakeUpPoll, runner, sweeper, owner.id()));
    return new PipelineCore(
        ports,
        new BuildRegistrar(ports, autoDeployer),
        new PromotionDesk(ports, runner),
        new RollbackDesk(ports, runner),
        new FreezeDesk(ports, runner),
        runner,
        sweeper,
        new PipelineQueries(ports),
        new PromotionViews(ports),
        wakeUps.get(),
        new BakeWatcher(ports));
  }

  /** Records, as Baton's own act, that the configuration described by {@code detail} was loaded. */
  public void configurationLoaded(String detail) {
    ports
        .store()
        .write(
            tx ->
                tx.audit(
                    ports.clock().instant(),
                    new AuditEntry(
                        PromotionRunner.ACTOR, "config.loaded", null, null, null, null, detail)));
  }
}
