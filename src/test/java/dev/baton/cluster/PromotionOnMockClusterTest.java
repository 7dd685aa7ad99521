package dev.baton.cluster;

import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Promotions run by the real core through the real adapter on the mock API server. */
@Timeout(90)
class PromotionOnMockClusterTest {
  @TempDir Path dir;
  CoreOnMockCluster c;
  PipelineCore core;

  @BeforeEach
  void setUp() {
    c = new CoreOnMockCluster(dir);
    core = c.core("replica-a", c.cluster);
  }

  @AfterEach
  void tearDown() throws Exception {
    c.close();
  }

  Promotion latestPromotion() {
    return c.store.read(r -> r.recentPromotions("credreg", 1)).get(0);
  }

  @Test
  void aReleaseTravelsTestSandboxProdWithMigrationsRolloutsAndASmokeCheck() {
    String b1 = c.registerBuild(core, 1);
    testRunsBuild1(b1);

    c.clock.advance(Duration.ofMinutes(30));
    core.promotions().request("credreg", "sandbox", null, DEPLOYER);
    assertThat(c.current("sandbox")).isEqualTo(b1);

    c.clock.advance(Duration.ofHours(24));
    c.prodRevision.set(CoreOnMockCluster.commit(0));
    Promotion toProd = core.promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    core.promotions().approve(toProd.id(), APPROVER_1);
    // prod's health endpoint reports the old commit for a while, then the new one
    CompletableFuture.runAsync(
        () -> {
          sleep(300);
          c.prodRevision.set(CoreOnMockCluster.commit(1));
        });
    core.promotions().approve(toProd.id(), APPROVER_2);

    Promotion done = c.store.read(r -> r.promotion(toProd.id())).orElseThrow();
    assertThat(done.state()).as(String.valueOf(done.reason())).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(c.current("prod")).isEqualTo(b1);
    assertThat(c.registry.tagged("default", "credreg/main-app", "prod"))
        .contains(Fixtures.digest("main-1"));
    for (String env : CoreOnMockCluster.ENVS) {
      Map<String, RunningWorkload> running =
          c.cluster.running(
              c.pipeline.env(env).orElseThrow(), c.pipeline.app("credreg").orElseThrow());
      assertThat(running.get("main-app").digest()).isEqualTo(Fixtures.digest("main-1"));
      assertThat(running.get("worker-app").rolloutComplete()).isTrue();
      assertThat(c.jobs.get(env).jobs()).as("one migration Job in " + env).hasSize(1);
    }
    var prodMain = c.api.deployment("credreg-prod", "main-app");
    assertThat(prodMain.getMetadata().getAnnotations())
        .containsEntry("baton.dev/release", b1)
        .containsEntry("baton.dev/promotion", toProd.id())
        .containsEntry("baton.dev/previous-image", "credreg/main-app:bootstrap");
    Job job = c.api.client.batch().v1().jobs().inNamespace("credreg-prod").list().getItems().get(0);
    assertThat(MigrationJobs.imageOf(job))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(progressMessages(toProd)).contains("main-app: 2/2 updated, 2/2 available");
    assertThat(core.queries().verifyAuditChain().valid()).isTrue();
  }

  @Test
  void aRolloutStuckPastItsProgressDeadlineIsRolledBackAndTheInventoryNamesWhatRuns() {
    String b1 = c.registerBuild(core, 1);
    c.api.progressDeadline("credreg-test", "main-app", 2);
    c.deployments
        .get("test")
        .when("credreg/main-app@" + Fixtures.digest("main-2"), Behaviour.DEADLINE_EXCEEDED);

    c.registerBuild(core, 2);

    assertThat(latestPromotion())
        .returns(PromotionState.ROLLED_BACK, Promotion::state)
        .extracting(Promotion::reason, STRING)
        .contains(
            "await rollout failed", "exceeded its progress deadline", "namespace credreg-test");
    testRunsBuild1(b1);
  }

  @Test
  void aFailedMigrationStopsBeforeAnyRolloutWithThePodsLogInTheReason() {
    String b1 = c.registerBuild(core, 1);
    c.jobs.get("test").failEverything();

    c.registerBuild(core, 2);

    assertThat(latestPromotion())
        .returns(PromotionState.FAILED, Promotion::state)
        .extracting(Promotion::reason, STRING)
        .contains(
            "migrate before failed",
            "BackoffLimitExceeded",
            "ERROR: relation \"tenants\" does not exist");
    testRunsBuild1(b1);
  }

  @Test
  void aWorkloadChangedByHandInTheSourceIsRefusedNamingWhatRuns() {
    c.registerBuild(core, 1);
    c.api.setImageByHand("credreg-test", "main-app", "app", "credreg/main-app:latest");
    c.clock.advance(Duration.ofMinutes(30));
    assertThatThrownBy(() -> core.promotions().request("credreg", "sandbox", null, DEPLOYER))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("test runs credreg/main-app:latest");
  }

  @Test
  void aRunnerRestartedDuringTheRolloutWaitPicksItUpAgain() throws Exception {
    String b1 = c.registerBuild(core, 1);
    String main2 = "credreg/main-app@" + Fixtures.digest("main-2");
    c.deployments.get("test").when(main2, Behaviour.IGNORE); // the rollout hangs for now

    Thread first =
        new Thread(
            () -> c.registerBuild(c.core("replica-a", new DiesWhenInterrupted(c.cluster)), 2));
    first.setUncaughtExceptionHandler((t, e) -> {}); // the simulated death of the process
    first.start();
    awaitStep(Step.AWAIT_ROLLOUT);
    Thread.sleep(300); // the wait is on its watch
    first.interrupt(); // the process dies mid-wait
    first.join(10_000);
    assertThat(first.isAlive()).isFalse();
    Promotion stopped = latestPromotion();
    assertThat(stopped.state()).isEqualTo(PromotionState.RUNNING);
    assertThat(stopped.step()).isEqualTo(Step.AWAIT_ROLLOUT);

    PipelineCore restarted = c.core("replica-a", c.cluster);
    CompletableFuture<Void> sweep = CompletableFuture.runAsync(() -> restarted.sweeper().sweep());
    Thread.sleep(500);
    assertThat(sweep).as("the resumed wait goes on while the rollout hangs").isNotDone();
    c.deployments.get("test").when(main2, Behaviour.ROLL_OUT);
    sweep.get(30, TimeUnit.SECONDS);

    Promotion done = c.store.read(r -> r.promotion(stopped.id())).orElseThrow();
    assertThat(done.state()).as(String.valueOf(done.reason())).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(c.current("test")).isEqualTo(Fixtures.tag(2)).isNotEqualTo(b1);
    List<AuditEvent> resumed =
        c.store.audit(new AuditQuery("credreg", null, null, null, null, null, null, 100));
    assertThat(resumed).extracting(AuditEvent::action).contains("promotion.resumed");
  }

  /** Test is recorded to run build 1 and its Deployments ask for build 1's digests. */
  private void testRunsBuild1(String b1) {
    assertThat(c.current("test")).isEqualTo(b1);
    assertThat(c.imageIn("test", "main-app", "app"))
        .isEqualTo("credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(c.imageIn("test", "worker-app", "worker"))
        .isEqualTo("credreg/worker-app@" + Fixtures.digest("worker-1"));
  }

  private void awaitStep(Step step) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      List<Promotion> recent = c.store.read(r -> r.recentPromotions("credreg", 1));
      if (!recent.isEmpty()
          && recent.get(0).releaseTag().equals(Fixtures.tag(2))
          && recent.get(0).step() == step) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the promotion never reached " + step);
  }

  private List<String> progressMessages(Promotion p) {
    return c.chat.events().stream()
        .filter(e -> e instanceof PipelineEvent.StepChanged s && s.promotion().id().equals(p.id()))
        .map(e -> ((PipelineEvent.StepChanged) e).message())
        .toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The adapter of a process that is killed: once its thread is interrupted, the step ends as the
   * process would, without any chance to record anything.
   */
  record DiesWhenInterrupted(Cluster delegate) implements Cluster {
    @Override
    public Map<String, RunningWorkload> running(EnvironmentDefinition env, AppDefinition app) {
      return delegate.running(env, app);
    }

    @Override
    public void setImage(
        EnvironmentDefinition env, Workload w, String image, Map<String, String> a) {
      delegate.setImage(env, w, image, a);
    }

    @Override
    public void awaitRollout(
        EnvironmentDefinition env, Workload w, String image, Consumer<RolloutProgress> progress) {
      try {
        delegate.awaitRollout(env, w, image, progress);
      } catch (PortException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new SimulatedCrash("awaitRollout");
        }
        throw e;
      }
    }

    @Override
    public void runMigration(
        EnvironmentDefinition env, AppDefinition app, Migration m, String image, String job) {
      delegate.runMigration(env, app, m, image, job);
    }
  }
}
