package dev.baton.cluster;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.time.Duration;

/**
 * Runs a migration Job to its end: creates it unless it exists (a resumed step awaits the Job it
 * created before), follows it with a watch, and on failure quotes the tail of its pod's log.
 */
final class MigrationRunner {
  static final String JOBS = "jobs";

  /** Waited without an active deadline configured (the Job controller enforces none then). */
  static final Duration UNBOUNDED_JOB_WAIT = Duration.ofHours(6);

  private final KubernetesCalls calls;
  private final ClusterSettings settings;
  private final DeploymentImages deployments;
  private final MigrationLogs logs;

  MigrationRunner(KubernetesCalls calls, ClusterSettings settings, DeploymentImages deployments) {
    this.calls = calls;
    this.settings = settings;
    this.deployments = deployments;
    this.logs = new MigrationLogs(calls, settings.logLines());
  }

  void run(ClusterTarget target, AppDefinition app, Migration m, String image, String jobName) {
    Job job = read(target, jobName);
    if (job == null) {
      create(target, app, m, image, jobName);
    } else if (!image.equals(MigrationJobs.imageOf(job))) {
      throw PortException.terminal(
          "a Job named "
              + jobName
              + " already exists in "
              + target.where()
              + " and runs "
              + MigrationJobs.imageOf(job)
              + ", not "
              + image
              + "; Baton did not create it for this release. Delete it (kubectl -n "
              + target.namespace()
              + " delete job "
              + jobName
              + ") and try again");
    }
    await(target, m, jobName);
  }

  private void create(
      ClusterTarget target, AppDefinition app, Migration m, String image, String jobName) {
    Workload w =
        app.workload(m.workload())
            .orElseThrow(
                () ->
                    PortException.terminal(
                        "the migration of "
                            + app.name()
                            + " names workload "
                            + m.workload()
                            + ", which the app does not have; fix baton.apps."
                            + app.name()
                            + ".migration.workload"));
    Deployment d = deployments.read(target, w.deployment());
    if (d == null && m.copyEnvFromDeployment()) {
      throw DeploymentImages.missing(target, w);
    }
    Container source = d == null ? null : DeploymentImages.container(target, d, w);
    Job job =
        MigrationJobs.build(
            jobName,
            app.name(),
            m,
            image,
            source,
            d == null ? null : d.getSpec().getTemplate().getSpec(),
            settings.jobTtlAfterFinished());
    try {
      calls.call(
          target,
          ApiOperation.of("create", JOBS, jobName),
          () ->
              target
                  .client()
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(target.namespace())
                  .resource(job)
                  .create());
    } catch (KubernetesCalls.Conflict alreadyExists) {
      // created meanwhile, e.g. by an earlier attempt whose answer was lost: await that one
    }
  }

  private void await(ClusterTarget target, Migration m, String jobName) {
    Duration bound =
        (m.activeDeadline() == null ? UNBOUNDED_JOB_WAIT : m.activeDeadline())
            .plus(settings.rolloutMargin());
    long started = System.nanoTime();
    try (ObjectFollower<Job> follower =
        new ObjectFollower<>(
            calls, target, JOBS, jobName, handle(target, jobName), settings.retryBackoff())) {
      Job job = follower.start();
      while (true) {
        if (job == null) {
          throw PortException.terminal(
              "migration Job "
                  + jobName
                  + " disappeared from "
                  + target.where()
                  + " before it finished (deleted by someone?); try again");
        }
        MigrationJobs.Outcome outcome = MigrationJobs.outcome(job);
        if (outcome instanceof MigrationJobs.Outcome.Succeeded) {
          return;
        }
        if (outcome instanceof MigrationJobs.Outcome.Failed f) {
          throw failed(target, m, jobName, f.reason() + ": " + f.message());
        }
        Duration left = bound.minusNanos(System.nanoTime() - started);
        if ((left.isNegative() || left.isZero()) && follower.disconnectedBecause() != null) {
          throw PortException.retryable(
              "Baton lost track of migration Job "
                  + jobName
                  + " in "
                  + target.where()
                  + ": "
                  + follower.disconnectedBecause());
        }
        if (left.isNegative() || left.isZero()) {
          throw failed(
              target,
              m,
              jobName,
              "still running after "
                  + bound.toSeconds()
                  + " s (its active deadline plus a margin) and the Job controller did not end it");
        }
        Duration resync = settings.resyncInterval();
        job = follower.next(left.compareTo(resync) < 0 ? left : resync);
      }
    } catch (InterruptedException e) {
      throw KubernetesErrors.interrupted("wait for migration Job " + jobName);
    }
  }

  private PortException failed(ClusterTarget target, Migration m, String jobName, String why) {
    return PortException.terminal(
        "migration Job "
            + jobName
            + " failed in "
            + target.where()
            + ": "
            + why
            + ". "
            + logs.tail(target, jobName)
            + (m.phase() == Migration.Phase.BEFORE_ROLLOUT
                ? " Nothing was rolled out."
                : " The release was already rolled out; the migration's partial effects stay.")
            + " Fix the migration, then promote again; see kubectl -n "
            + target.namespace()
            + " logs job/"
            + jobName
            + " (the Job is deleted "
            + settings.jobTtlAfterFinished().toHours()
            + " h after it finished)");
  }

  private Job read(ClusterTarget target, String jobName) {
    return calls.call(
        target, ApiOperation.of("get", JOBS, jobName), () -> handle(target, jobName).get());
  }

  private static ScalableResource<Job> handle(ClusterTarget target, String jobName) {
    return target.client().batch().v1().jobs().inNamespace(target.namespace()).withName(jobName);
  }
}
