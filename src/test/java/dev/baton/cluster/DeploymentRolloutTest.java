package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import dev.baton.pipeline.port.RunningWorkload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Deployment side of the adapter on fabric8's mock API server, the test as the controller. */
@Timeout(60)
class DeploymentRolloutTest {
  static final String NS = "credreg-test";
  static final String MAIN_2 = image(MAIN, "main-2");

  @RegisterExtension final MockCluster k8s = MockCluster.of("test", NS).withDeploymentController();

  final AppDefinition app = ClusterFixtures.app(null);

  @Test
  void whatRunsIsReadFromTheDeployments() {
    Map<String, RunningWorkload> running = running();
    assertThat(running.get("main-app"))
        .isEqualTo(
            new RunningWorkload(
                "main-app", image(MAIN, "main-1"), Fixtures.digest("main-1"), true));
    assertThat(running.get("worker-app").digest()).isEqualTo(Fixtures.digest("worker-1"));
  }

  @Test
  void anImageNotPinnedByDigestOfItsRepositoryIsReportedWithoutDigest() {
    k8s.setByHand("main-app", "app", "credreg/main-app:latest");
    k8s.setByHand("worker-app", "worker", "someone/else@" + Fixtures.digest("worker-1"));
    Map<String, RunningWorkload> running = running();
    assertThat(running.get("main-app").image()).isEqualTo("credreg/main-app:latest");
    assertThat(running.get("main-app").digest()).isNull();
    assertThat(running.get("worker-app").image())
        .isEqualTo("someone/else@" + Fixtures.digest("worker-1"));
    assertThat(running.get("worker-app").digest()).isNull();
  }

  @Test
  void aMissingDeploymentIsNotRunning() {
    k8s.api.client.apps().deployments().inNamespace(NS).withName("worker-app").delete();
    assertThat(running()).containsOnlyKeys("main-app");
  }

  @Test
  void settingAnImageChangesOnlyThatContainersImageAndAnnotatesTheDeployment() {
    Deployment before = k8s.deployment("main-app");
    setImage(MAIN, MAIN_2);

    Deployment after = k8s.deployment("main-app");
    assertThat(MockApi.imageOf(after, "app")).isEqualTo(MAIN_2);
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
    k8s.deployments.paused(true); // its status writes would change the resourceVersion too
    setImage(MAIN, MAIN_2);
    String version = k8s.deployment("main-app").getMetadata().getResourceVersion();
    setImage(MAIN, MAIN_2);
    assertThat(k8s.deployment("main-app").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(k8s.deployment("main-app").getMetadata().getAnnotations())
        .as("the previous image stays the one before the first change")
        .containsEntry("baton.dev/previous-image", image(MAIN, "main-1"));
  }

  @Test
  void aTwoWorkloadRolloutIsFollowedToTheEndWithProgress() {
    setImage(MAIN, MAIN_2);
    setImage(WORKER, image(WORKER, "worker-2"));
    k8s.awaitRollout(MAIN, MAIN_2);
    k8s.awaitRollout(WORKER, image(WORKER, "worker-2"));

    List<RolloutProgress> progress = k8s.progress;
    assertThat(progress).extracting(RolloutProgress::workload).contains("main-app", "worker-app");
    assertThat(progress.stream().filter(p -> p.workload().equals("main-app")).count())
        .as("each change of the status is reported")
        .isGreaterThanOrEqualTo(3);
    assertThat(progress.get(progress.size() - 1))
        .isEqualTo(new RolloutProgress("worker-app", 2, 2, 2));
    Map<String, RunningWorkload> running = running();
    assertThat(running.get("main-app").digest()).isEqualTo(Fixtures.digest("main-2"));
    assertThat(running.get("worker-app").rolloutComplete()).isTrue();
  }

  @Test
  void aRolloutStuckUntilItsProgressDeadlineFails() {
    k8s.progressDeadline("main-app", 2);
    k8s.deployments.when(MAIN_2, Behaviour.DEADLINE_EXCEEDED);
    setImage(MAIN, MAIN_2);
    // a Baton that waits long enough for the controller to speak first
    k8s.reconnect(MockApi.settings(Duration.ofSeconds(10)));

    assertTerminal(() -> k8s.awaitRollout(MAIN, MAIN_2))
        .hasMessageContaining("deployment \"main-app\" exceeded its progress deadline")
        .hasMessageContaining("has timed out progressing")
        .hasMessageContaining("namespace credreg-test")
        .hasMessageContaining("kubectl -n credreg-test describe deployment/main-app");
    RunningWorkload running = running().get("main-app");
    assertThat(running.image()).isEqualTo(MAIN_2);
    assertThat(running.rolloutComplete()).isFalse();
  }

  @Test
  void podsThatNeverBecomeAvailableFailAfterTheDeadlinePlusTheMargin() {
    k8s.progressDeadline("main-app", 1);
    k8s.deployments.when(MAIN_2, Behaviour.NEVER_AVAILABLE);
    setImage(MAIN, MAIN_2);

    long start = System.nanoTime();
    assertTerminal(() -> k8s.awaitRollout(MAIN, MAIN_2))
        .hasMessageContaining("made no progress for 2 s")
        .hasMessageContaining("0 of 2 updated replicas are available");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(k8s.progress).contains(new RolloutProgress("main-app", 2, 2, 0));
  }

  @Test
  void anImageChangedByHandDuringTheWaitStopsItNamingWhatRunsNow() {
    k8s.deployments.when(MAIN_2, Behaviour.NEVER_AVAILABLE);
    setImage(MAIN, MAIN_2);
    CompletableFuture<Void> wait = k8s.startRollout(MAIN, MAIN_2);
    k8s.awaitProgress(new RolloutProgress("main-app", 2, 2, 0));

    k8s.setByHand("main-app", "app", "credreg/main-app:hotfix");

    assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PortException.class)
        .hasMessageContaining("was changed to credreg/main-app:hotfix")
        .hasMessageContaining("while Baton waited for the rollout of " + MAIN_2);
    RunningWorkload running = running().get("main-app");
    assertThat(running.image()).isEqualTo("credreg/main-app:hotfix");
    assertThat(running.digest()).isNull();
  }

  @Test
  void aPausedDeploymentFailsAtOnceWithHowToResumeIt() {
    k8s.patch("main-app", "[{\"op\":\"add\",\"path\":\"/spec/paused\",\"value\":true}]");
    k8s.deployments.when(MAIN_2, Behaviour.NEVER_AVAILABLE);
    setImage(MAIN, MAIN_2);
    assertThatThrownBy(() -> k8s.awaitRollout(MAIN, MAIN_2))
        .hasMessageContaining("is paused")
        .hasMessageContaining("kubectl -n credreg-test rollout resume deployment/main-app");
  }

  @Test
  void aMissingDeploymentOrContainerIsTerminalAndSaysWhatToFix() {
    Workload ghost = new Workload("ghost", "ghost", "app", "credreg/ghost");
    assertThatThrownBy(
            () ->
                k8s.cluster.setImage(
                    k8s.env, ghost, "credreg/ghost@" + Fixtures.digest("g"), Map.of()))
        .isInstanceOf(PortException.class)
        .hasMessageContaining(
            "Deployment ghost of workload ghost does not exist in namespace credreg-test (environment test, context mock)");
    Workload wrongContainer = new Workload("main-app", "main-app", "api", "credreg/main-app");
    assertThatThrownBy(
            () ->
                k8s.cluster.running(
                    k8s.env,
                    new AppDefinition(
                        "credreg", List.of(wrongContainer), "default", null, List.of(), null)))
        .hasMessageContaining("has no container \"api\" (it has: log-shipper, app)");
  }

  private Map<String, RunningWorkload> running() {
    return k8s.cluster.running(k8s.env, app);
  }

  private void setImage(Workload w, String image) {
    k8s.cluster.setImage(k8s.env, w, image, ClusterFixtures.annotations("2026.11.22.0002", "p1"));
  }
}
