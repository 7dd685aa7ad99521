package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Migration;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration Jobs on the mock API server, the test playing the Job controller. */
@Timeout(30)
class MigrationJobTest {
  static final String NS = "credreg-sandbox";
  static final String JOB = "baton-migrate-credreg-p0000042";

  @RegisterExtension
  final MockCluster k8s = MockCluster.of("sandbox", NS).only(MAIN).withJobController();

  final Migration migration = ClusterFixtures.migration(Migration.Phase.BEFORE_ROLLOUT);
  final AppDefinition app = ClusterFixtures.app(migration);

  Job job() {
    return k8s.api.client.batch().v1().jobs().inNamespace(NS).withName(JOB).get();
  }

  void migrate(String seed) {
    k8s.cluster.runMigration(k8s.env, app, migration, image(MAIN, seed), JOB);
  }

  @Test
  void aMigrationRunsTheReleasesImageWithTheDeploymentsEnvironmentAndSucceeds() {
    migrate("main-2");

    Job job = job();
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "baton")
        .containsEntry("baton.dev/promotion", "p0000042")
        .containsEntry("baton.dev/app", "credreg");
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName())
        .as("the Deployment's, none being configured")
        .isEqualTo("main-app");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(image(MAIN, "main-2"));
    assertThat(container.getCommand()).containsExactly("bin/migrate", "--apply");
    assertThat(container.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .as("copied from the Deployment, then the configured env, which wins")
        .containsExactly(
            tuple("DATABASE_URL", "postgres://db/migrator"), tuple("MIGRATION_MODE", "strict"));
  }

  @Test
  void runningTheSameMigrationAgainAwaitsTheExistingJob() {
    migrate("main-2");
    String uid = job().getMetadata().getUid();
    migrate("main-2");
    assertThat(job().getMetadata().getUid()).isEqualTo(uid);
    assertThat(k8s.jobs.jobs()).containsExactly(JOB);
  }

  @Test
  void aFailedMigrationQuotesTheTailOfItsPodsLog() {
    k8s.jobs.failEverything();
    assertTerminal(() -> migrate("main-2"))
        .hasMessageContaining("migration Job " + JOB + " failed in namespace credreg-sandbox")
        .hasMessageContaining("BackoffLimitExceeded: Job has reached the specified backoff limit")
        .hasMessageContaining("Pod " + JOB + "-x7k2p (exit code 1, Error)")
        .hasMessageContaining("ERROR: relation \"tenants\" does not exist")
        .hasMessageContaining("Nothing was rolled out")
        .hasMessageContaining("kubectl -n credreg-sandbox logs job/" + JOB);
  }

  @Test
  void aJobOfThatNameWithAnotherImageIsNotAdopted() {
    migrate("main-2");
    assertThatThrownBy(() -> migrate("main-3"))
        .hasMessageContaining("a Job named " + JOB + " already exists")
        .hasMessageContaining("delete job " + JOB);
  }
}
