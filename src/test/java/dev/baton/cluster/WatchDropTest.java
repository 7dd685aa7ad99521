package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.RolloutProgress;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every connection between Baton and the API server is cut mid-rollout (watch included), and new
 * ones are refused for a while; meanwhile the rollout finishes. Baton must read the Deployment
 * again and re-watch, and notice that the rollout is complete.
 */
@Timeout(60)
class WatchDropTest {
  static final String NS = "credreg-test";
  @TempDir Path dir;
  TcpProxy proxy;
  MockApi api;
  FakeDeploymentController controller;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  List<RolloutProgress> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    api =
        MockApi.start(
            dir,
            port -> {
              proxy = new TcpProxy(port);
              return "http://127.0.0.1:" + proxy.port();
            });
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    controller = new FakeDeploymentController(api.client, NS, Duration.ofMillis(30));
    cluster = ClusterFixtures.cluster(MockApi.settings());
    env = api.env("test", NS);
  }

  @AfterEach
  void tearDown() throws Exception {
    controller.close();
    cluster.close();
    proxy.close();
    api.close();
  }

  @Test
  void aWatchThatDropsMidRolloutIsReplacedAfterAFreshRead() throws Exception {
    CompletableFuture<Void> wait = startRollout();
    int connectionsBefore = proxy.accepted();

    proxy.cutAll(true);
    writeStatus(2, 2, 2); // the rollout finishes while Baton is cut off (old replica gone)
    Thread.sleep(300);
    assertThat(wait).as("nothing completes while disconnected").isNotDone();
    proxy.acceptAgain();

    wait.get(10, TimeUnit.SECONDS);
    assertThat(proxy.accepted()).as("Baton connected again").isGreaterThan(connectionsBefore);
  }

  @Test
  void aWatchThatDropsWhileNothingChangesIsReopenedAndSeesLaterChanges() throws Exception {
    CompletableFuture<Void> wait = startRollout();
    proxy.cutAll(false); // connections drop; reconnecting works at once
    Thread.sleep(500); // Baton has read again and re-watched
    writeStatus(2, 2, 2);
    // far sooner than the 30 s resync: the new watch carried the change
    wait.get(10, TimeUnit.SECONDS);
  }

  /** Sets the image, holds the rollout at its first step and waits until Baton watches it. */
  private CompletableFuture<Void> startRollout() throws InterruptedException {
    String image = image(MAIN, "main-2");
    controller.when(image, Behaviour.IGNORE); // the test moves the status itself
    cluster.setImage(env, MAIN, image, ClusterFixtures.annotations("t", "p1"));
    CompletableFuture<Void> wait =
        CompletableFuture.runAsync(() -> cluster.awaitRollout(env, MAIN, image, progress::add));
    writeStatus(3, 1, 2);
    awaitProgress(new RolloutProgress("main-app", 2, 1, 2));
    writeStatus(3, 2, 2);
    // seen through the watch (the next fresh read would be 30 s away): the watch is open
    awaitProgress(new RolloutProgress("main-app", 2, 2, 2));
    return wait;
  }

  private void writeStatus(int replicas, int updated, int available) {
    Deployment d = api.deployment(NS, "main-app");
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(available)
            .withAvailableReplicas(available)
            .build());
    api.client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
  }

  private void awaitProgress(RolloutProgress expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!progress.contains(expected) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(progress).contains(expected);
  }
}
