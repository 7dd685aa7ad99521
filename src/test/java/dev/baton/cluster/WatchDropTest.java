package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.pipeline.port.RolloutProgress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every connection between Baton and the API server is cut mid-rollout (watch included), and new
 * ones are refused for a while; meanwhile the rollout finishes. Baton must read the Deployment
 * again and re-watch, and notice that the rollout is complete.
 */
@Timeout(60)
class WatchDropTest {
  @RegisterExtension
  final MockCluster k8s =
      MockCluster.of("test", "credreg-test").only(MAIN).withDeploymentController().behindProxy();

  @Test
  void aWatchThatDropsMidRolloutIsReplacedAfterAFreshRead() throws Exception {
    CompletableFuture<Void> wait = startRollout();
    int connectionsBefore = k8s.proxy().accepted();

    k8s.proxy().cutAll(true);
    k8s.writeStatus(2, 2, 2); // the rollout finishes while Baton is cut off (old replica gone)
    Thread.sleep(300);
    assertThat(wait).as("nothing completes while disconnected").isNotDone();
    k8s.proxy().acceptAgain();

    wait.get(10, TimeUnit.SECONDS);
    assertThat(k8s.proxy().accepted()).as("Baton connected again").isGreaterThan(connectionsBefore);
  }

  @Test
  void aWatchThatDropsWhileNothingChangesIsReopenedAndSeesLaterChanges() throws Exception {
    CompletableFuture<Void> wait = startRollout();
    k8s.proxy().cutAll(false); // connections drop; reconnecting works at once
    Thread.sleep(500); // Baton has read again and re-watched
    k8s.writeStatus(2, 2, 2);
    // far sooner than the 30 s resync: the new watch carried the change
    wait.get(10, TimeUnit.SECONDS);
  }

  /** Sets the image, holds the rollout at its first step and waits until Baton watches it. */
  private CompletableFuture<Void> startRollout() {
    String image = image(MAIN, "main-2");
    k8s.deployments.when(image, Behaviour.IGNORE); // the test moves the status itself
    k8s.cluster.setImage(k8s.env, MAIN, image, ClusterFixtures.annotations("t", "p1"));
    CompletableFuture<Void> wait = k8s.startRollout(MAIN, image);
    k8s.writeStatus(3, 1, 2);
    k8s.awaitProgress(new RolloutProgress("main-app", 2, 1, 2));
    k8s.writeStatus(3, 2, 2);
    // seen through the watch (the next fresh read would be 30 s away): the watch is open
    k8s.awaitProgress(new RolloutProgress("main-app", 2, 2, 2));
    return wait;
  }
}
