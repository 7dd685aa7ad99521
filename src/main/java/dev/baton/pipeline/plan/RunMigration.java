package dev.baton.pipeline.plan;

import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Workload;

/**
 * The app's migration Job, when it is configured for this phase (before or after the rollout). The
 * Job is named after the promotion, so running the step again awaits the same Job.
 */
final class RunMigration implements PromotionStep {
  private final PipelinePorts ports;
  private final Migration.Phase phase;

  RunMigration(PipelinePorts ports, Migration.Phase phase) {
    this.ports = ports;
    this.phase = phase;
  }

  @Override
  public boolean abandonable() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    Migration m = c.app().migration();
    Promotion p = c.promotion();
    if (m == null || m.phase() != phase) {
      return StepOutcome.skipped("no migration in this phase");
    }
    if (p.kind() == PromotionKind.ROLLBACK) {
      return StepOutcome.skipped("rollbacks never run migrations");
    }
    Workload w = c.app().workload(m.workload()).orElseThrow();
    String job = jobName(c.app(), p);
    ports.cluster().runMigration(c.env(), c.app(), m, w.imageAt(p.digests().get(w.name())), job);
    return StepOutcome.done("migration Job " + job + " succeeded");
  }

  static String jobName(AppDefinition app, Promotion p) {
    String id = p.id().replaceAll("[^a-z0-9]", "");
    return "baton-migrate-" + app.name() + "-" + id.substring(0, Math.min(8, id.length()));
  }
}
