package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Deployment side of the adapter on fabric8's mock API server, the test as the controller. */
@Timeout(60)
class DeploymentRolloutTest {
  static final String NS = "credreg-test";
  @TempDir Path dir;
  MockApi api;
  FakeDeploymentController controller;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  AppDefinition app = ClusterFixtures.app(null);
  List<RolloutProgress> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    api = MockApi.start(dir);
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    api.createRolledOut(NS, "worker-app", "worker", image(WORKER, "worker-1"));
    controller = new FakeDeploymentController(api.client, NS, Duration.ofMillis(30));
    cluster = ClusterFixtures.cluster(MockApi.settings());
    env = api.env("test", NS);
  }

  @AfterEach
  void tearDown() throws Exception {
    controller.close();
    cluster.close();
    api.close();
  }

  @Test
  void whatRunsIsReadFromTheDeployments() {
    Map<String, RunningWorkload> running = cluster.running(env, app);
    assertThat(running.get("main-app"))
        .isEqualTo(
            new RunningWorkload(
                "main-app", image(MAIN, "main-1"), Fixtures.digest("main-1"), true));
    assertThat(running.get("worker-app").digest()).isEqualTo(Fixtures.digest("worker-1"));
  }

  @Test
  void anImageNotPinnedByDigestOfItsRepositoryIsReportedWithoutDigest() {
    setByHand("main-app", "app", "credreg/main-app:latest");
    setByHand("worker-app", "worker", "someone/else@" + Fixtures.digest("worker-1"));
    Map<String, RunningWorkload> running = cluster.running(env, app);
    assertThat(running.get("main-app").image()).isEqualTo("credreg/main-app:latest");
    assertThat(running.get("main-app").digest()).isNull();
    assertThat(running.get("worker-app").image())
        .isEqualTo("someone/else@" + Fixtures.digest("worker-1"));
    assertThat(running.get("worker-app").digest()).isNull();
  }

  @Test
  void aMissingDeploymentIsNotRunning() {
    api.client.apps().deployments().inNamespace(NS).withName("worker-app").delete();
    assertThat(cluster.running(env, app)).containsOnlyKeys("main-app");
  }

  @Test
  void settingAnImageChangesOnlyThatContainersImageAndAnnotatesTheDeployment() {
    Deployment before = api.deployment(NS, "main-app");
    cluster.setImage(
        env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("2026.11.22.0002", "p1"));

    Deployment after = api.deployment(NS, "main-app");
    assertThat(MockApi.imageOf(after, "app")).isEqualTo(image(MAIN, "main-2"));
    var template = after.getSpec().getTemplate();
    assertThat(template.getSpec().getContainers()).hasSize(2);
    assertThat(MockApi.imageOf(after, "log-shipper")).isEqualTo("fluent/fluent-bit:3.1");
    assertThat(template.getSpec().getContainers().get(1).getEnv())
        .isEqualTo(before.getSpec().getTemplate().getSpec().getContainers().get(1).getEnv());
    assertThat(template.getMetadata().getAnnotations()).isEqualTo(Map.of("team", "credreg"));
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry("baton.dev/release", "2026.11.22.0002")
        .containsEntry("baton.dev/promotion", "p1")
        .containsEntry("baton.dev/previous-image", image(MAIN, "main-1"))
        .containsKey("kubernetes.io/change-cause");
    assertThat(after.getMetadata().getGeneration())
        .isEqualTo(before.getMetadata().getGeneration() + 1);
  }

  @Test
  void settingTheSameImageAgainWritesNothing() {
    controller.paused(true); // its status writes would change the resourceVersion too
    var annotations = ClusterFixtures.annotations("2026.11.22.0002", "p1");
    cluster.setImage(env, MAIN, image(MAIN, "main-2"), annotations);
    String version = api.deployment(NS, "main-app").getMetadata().getResourceVersion();
    cluster.setImage(env, MAIN, image(MAIN, "main-2"), annotations);
    assertThat(api.deployment(NS, "main-app").getMetadata().getResourceVersion())
        .isEqualTo(version);
    assertThat(api.deployment(NS, "main-app").getMetadata().getAnnotations())
        .as("the previous image stays the one before the first change")
        .containsEntry("baton.dev/previous-image", image(MAIN, "main-1"));
  }

  @Test
  void aTwoWorkloadRolloutIsFollowedToTheEndWithProgress() {
    var annotations = ClusterFixtures.annotations("2026.11.22.0002", "p1");
    cluster.setImage(env, MAIN, image(MAIN, "main-2"), annotations);
    cluster.setImage(env, WORKER, image(WORKER, "worker-2"), annotations);
    cluster.awaitRollout(env, MAIN, image(MAIN, "main-2"), progress::add);
    cluster.awaitRollout(env, WORKER, image(WORKER, "worker-2"), progress::add);

    assertThat(progress).extracting(RolloutProgress::workload).contains("main-app", "worker-app");
    assertThat(progress.stream().filter(p -> p.workload().equals("main-app")).count())
        .as("each change of the status is reported")
        .isGreaterThanOrEqualTo(3);
    assertThat(progress.get(progress.size() - 1))
        .isEqualTo(new RolloutProgress("worker-app", 2, 2, 2));
    Map<String, RunningWorkload> running = cluster.running(env, app);
    assertThat(running.get("main-app").digest()).isEqualTo(Fixtures.digest("main-2"));
    assertThat(running.get("worker-app").rolloutComplete()).isTrue();
  }

  @Test
  void aRolloutStuckUntilItsProgressDeadlineFails() {
    progressDeadline("main-app", 2);
    controller.when(image(MAIN, "main-2"), Behaviour.DEADLINE_EXCEEDED);
    cluster.setImage(
        env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("2026.11.22.0002", "p1"));
    cluster.close(); // a Baton that waits long enough for the controller to speak first
    cluster = ClusterFixtures.cluster(MockApi.settings(Duration.ofSeconds(10)));

    assertThatThrownBy(() -> cluster.awaitRollout(env, MAIN, image(MAIN, "main-2"), progress::add))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("deployment \"main-app\" exceeded its progress deadline")
        .hasMessageContaining("has timed out progressing")
        .hasMessageContaining("namespace credreg-test")
        .hasMessageContaining("kubectl -n credreg-test describe deployment/main-app");
    RunningWorkload running = cluster.running(env, app).get("main-app");
    assertThat(running.image()).isEqualTo(image(MAIN, "main-2"));
    assertThat(running.rolloutComplete()).isFalse();
  }

  @Test
  void podsThatNeverBecomeAvailableFailAfterTheDeadlinePlusTheMargin() {
    progressDeadline("main-app", 1);
    controller.when(image(MAIN, "main-2"), Behaviour.NEVER_AVAILABLE);
    cluster.setImage(
        env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("2026.11.22.0002", "p1"));

    long start = System.nanoTime();
    assertThatThrownBy(() -> cluster.awaitRollout(env, MAIN, image(MAIN, "main-2"), progress::add))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("made no progress for 2 s")
        .hasMessageContaining("0 of 2 updated replicas are available");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(progress).contains(new RolloutProgress("main-app", 2, 2, 0));
  }

  @Test
  void anImageChangedByHandDuringTheWaitStopsItNamingWhatRunsNow() throws Exception {
    controller.when(image(MAIN, "main-2"), Behaviour.NEVER_AVAILABLE);
    cluster.setImage(
        env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("2026.11.22.0002", "p1"));
    CompletableFuture<Void> wait =
        CompletableFuture.runAsync(
            () -> cluster.awaitRollout(env, MAIN, image(MAIN, "main-2"), progress::add));
    awaitProgress(new RolloutProgress("main-app", 2, 2, 0));

    setByHand("main-app", "app", "credreg/main-app:hotfix");

    assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PortException.class)
        .hasMessageContaining("was changed to credreg/main-app:hotfix")
        .hasMessageContaining("while Baton waited for the rollout of " + image(MAIN, "main-2"));
    RunningWorkload running = cluster.running(env, app).get("main-app");
    assertThat(running.image()).isEqualTo("credreg/main-app:hotfix");
    assertThat(running.digest()).isNull();
  }

  @Test
  void aPausedDeploymentFailsAtOnceWithHowToResumeIt() {
    api.client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName("main-app")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/paused\",\"value\":true}]");
    controller.when(image(MAIN, "main-2"), Behaviour.NEVER_AVAILABLE);
    cluster.setImage(
        env, MAIN, image(MAIN, "main-2"), ClusterFixtures.annotations("2026.11.22.0002", "p1"));
    assertThatThrownBy(() -> cluster.awaitRollout(env, MAIN, image(MAIN, "main-2"), progress::add))
        .hasMessageContaining("is paused")
        .hasMessageContaining("kubectl -n credreg-test rollout resume deployment/main-app");
  }

  @Test
  void aMissingDeploymentOrContainerIsTerminalAndSaysWhatToFix() {
    var ghost = new dev.baton.pipeline.model.Workload("ghost", "ghost", "app", "credreg/ghost");
    assertThatThrownBy(
            () -> cluster.setImage(env, ghost, "credreg/ghost@" + Fixtures.digest("g"), Map.of()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining(
            "Deployment ghost of workload ghost does not exist in namespace credreg-test (environment test, context mock)");
    var wrongContainer =
        new dev.baton.pipeline.model.Workload("main-app", "main-app", "api", "credreg/main-app");
    assertThatThrownBy(
            () ->
                cluster.running(
                    env,
                    new AppDefinition(
                        "credreg", List.of(wrongContainer), "default", null, List.of(), null)))
        .hasMessageContaining("has no container \"api\" (it has: log-shipper, app)");
  }

  private void awaitProgress(RolloutProgress expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!progress.contains(expected) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(progress).contains(expected);
  }

  private void progressDeadline(String deployment, int seconds) {
    api.client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(deployment)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/progressDeadlineSeconds\",\"value\":"
                + seconds
                + "}]");
  }

  /** What a person with kubectl does: set the image without Baton. */
  private void setByHand(String deployment, String container, String image) {
    Deployment d = api.deployment(NS, deployment);
    int index = ImagePatch.containerIndex(d, container);
    api.client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(deployment)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/"
                + index
                + "/image\",\"value\":\""
                + image
                + "\"}]");
  }
}
