package dev.baton.pipeline;

import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.view.PromotionViews;
import java.time.Duration;
import java.util.concurrent.Executor;

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
    PromotionViews views) {

  /**
   * @param executor runs promotions; each occupies a thread while it executes
   * @param owner the identity this replica holds leases under
   * @param leaseTtl how long a lease lasts without renewal; a dead runner's promotion is taken over
   *     after this
   * @param maxAttempts attempts of a step that fails with a retryable error, or is interrupted
   */
  public static PipelineCore create(
      PipelinePorts ports,
      Executor executor,
      LeaseOwner owner,
      Duration leaseTtl,
      int maxAttempts) {
    PromotionRunner runner = new PromotionRunner(ports, executor, owner, leaseTtl, maxAttempts);
    AutoDeployer autoDeployer = new AutoDeployer(ports, runner);
    return new PipelineCore(
        ports,
        new BuildRegistrar(ports, autoDeployer),
        new PromotionDesk(ports, runner),
        new RollbackDesk(ports, runner),
        new FreezeDesk(ports),
        runner,
        new PromotionSweeper(ports, runner, autoDeployer),
        new PipelineQueries(ports),
        new PromotionViews(ports));
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
