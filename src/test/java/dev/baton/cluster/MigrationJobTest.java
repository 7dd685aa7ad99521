package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Migration Jobs on the mock API server, the test playing the Job controller. */
@Timeout(30)
class MigrationJobTest {
  static final String NS = "credreg-sandbox";
  static final String JOB = "baton-migrate-credreg-p0000042";
  @TempDir Path dir;
  MockApi api;
  FakeJobController jobs;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  Migration migration = ClusterFixtures.migration(Migration.Phase.BEFORE_ROLLOUT);
  AppDefinition app = ClusterFixtures.app(migration);

  @BeforeEach
  void setUp() {
    api = MockApi.start(dir);
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    jobs = new FakeJobController(api, NS, Duration.ofMillis(30));
    cluster = ClusterFixtures.cluster(MockApi.settings());
    env = api.env("sandbox", NS);
  }

  @AfterEach
  void tearDown() throws Exception {
    jobs.close();
    cluster.close();
    api.close();
  }

  Job job() {
    return api.client.batch().v1().jobs().inNamespace(NS).withName(JOB).get();
  }

  @Test
  void aMigrationRunsTheReleasesImageWithTheDeploymentsEnvironmentAndSucceeds() {
    cluster.runMigration(env, app, migration, image(MAIN, "main-2"), JOB);

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
            org.assertj.core.groups.Tuple.tuple("DATABASE_URL", "postgres://db/migrator"),
            org.assertj.core.groups.Tuple.tuple("MIGRATION_MODE", "strict"));
  }

  @Test
  void runningTheSameMigrationAgainAwaitsTheExistingJob() {
    cluster.runMigration(env, app, migration, image(MAIN, "main-2"), JOB);
    String uid = job().getMetadata().getUid();
    cluster.runMigration(env, app, migration, image(MAIN, "main-2"), JOB);
    assertThat(job().getMetadata().getUid()).isEqualTo(uid);
    assertThat(jobs.jobs()).containsExactly(JOB);
  }

  @Test
  void aFailedMigrationQuotesTheTailOfItsPodsLog() {
    jobs.failEverything();
    assertThatThrownBy(() -> cluster.runMigration(env, app, migration, image(MAIN, "main-2"), JOB))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("migration Job " + JOB + " failed in namespace credreg-sandbox")
        .hasMessageContaining("BackoffLimitExceeded: Job has reached the specified backoff limit")
        .hasMessageContaining("Pod " + JOB + "-x7k2p (exit code 1, Error)")
        .hasMessageContaining("ERROR: relation \"tenants\" does not exist")
        .hasMessageContaining("Nothing was rolled out")
        .hasMessageContaining("kubectl -n credreg-sandbox logs job/" + JOB);
  }

  @Test
  void aJobOfThatNameWithAnotherImageIsNotAdopted() {
    cluster.runMigration(env, app, migration, image(MAIN, "main-2"), JOB);
    assertThatThrownBy(() -> cluster.runMigration(env, app, migration, image(MAIN, "main-3"), JOB))
        .hasMessageContaining("a Job named " + JOB + " already exists")
        .hasMessageContaining("delete job " + JOB);
  }
}
