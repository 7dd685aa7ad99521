package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.cluster.TcpProxy;
import dev.baton.cluster.TcpProxy.FaultKind;
import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kubernetes API fails while a build is deployed to test: transient faults are retried and the
 * deployment succeeds without anyone doing anything; an API that keeps refusing fails it cleanly,
 * naming the cause, with the inventory still naming what runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedBaton.class)
@Timeout(60)
class ClusterFaultsTest {
  static final String TEST_NS = "/namespaces/faults-test/";
  BatonUnderFaults baton;
  Outcomes outcomes;
  TcpProxy api;

  @BeforeAll
  void start(BatonUnderFaults shared) {
    baton = shared;
    outcomes = new Outcomes(baton);
    api = baton.apiProxy;
  }

  @AfterEach
  void heal() {
    api.heal();
    api.acceptAgain();
  }

  @Test
  void api5xxOnTheImagePatchIsRetriedAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.STATUS, 503, null, "PATCH", TEST_NS + "deployments/main-app", 2);

    succeeded(deploy(b), b);
    assertThat(requests("PATCH", TEST_NS + "deployments/main-app")).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void api429IsRetriedNoSoonerThanTheServerAsks() {
    Build b = baton.push(baton.nextBuild());
    int limited = requests("GET", TEST_NS + "deployments/main-app ").size();
    api.inject(FaultKind.STATUS, 429, "1", "GET", TEST_NS + "deployments/main-app ", 1);

    succeeded(deploy(b), b);
    List<TcpProxy.Seen> reads = requests("GET", TEST_NS + "deployments/main-app ");
    assertThat(reads.get(limited + 1).atMillis() - reads.get(limited).atMillis())
        .as("the retry after a 429 with Retry-After: 1")
        .isGreaterThanOrEqualTo(950);
  }

  @Test
  void anApiRequestThatTimesOutIsRetriedAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.HANG, 0, null, "PATCH", TEST_NS + "deployments/worker-app", 1);

    succeeded(deploy(b), b);
  }

  @Test
  void anAnswerCutOffHalfWayIsReadAgainAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.BREAK, 0, null, "GET", TEST_NS + "deployments/main-app ", 1);

    succeeded(deploy(b), b);
  }

  @Test
  void aMigrationJobCreatedWhoseAnswerWasLostRunsOnce() {
    Build b = baton.push(baton.nextBuild());
    // the API server creates the Job; its answer is cut off half-way
    api.inject(FaultKind.BREAK, 0, null, "POST", TEST_NS + "jobs ", 1);

    Promotion p = deploy(b);

    succeeded(p, b);
    assertThat(
            baton
                .api
                .client
                .batch()
                .v1()
                .jobs()
                .inNamespace("faults-test")
                .list()
                .getItems()
                .stream()
                .filter(j -> j.getMetadata().getName().endsWith(p.id().substring(0, 8))))
        .hasSize(1);
  }

  @Test
  void aWatchThatDropsMidRolloutIsReopenedAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    String image = b.image(baton, "main-app");
    baton.deployments.get("test").when(image, Behaviour.IGNORE); // the rollout waits for now
    baton.register(b);
    outcomes.awaitStep("test", b.tag(), Step.AWAIT_ROLLOUT);
    Outcomes.sleep(300); // Baton watches the Deployment
    int connections = api.accepted();

    api.cutAll(false);
    baton.deployments.get("test").when(image, Behaviour.ROLL_OUT);

    succeeded(outcomes.awaitEnd("test", b.tag()), b);
    assertThat(api.accepted()).as("Baton connected again").isGreaterThan(connections);
  }

  @Test
  void anApiThatKeepsRefusingWritesFailsTheDeployNamingTheCause() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    int patches = requests("PATCH", TEST_NS).size();
    api.inject(FaultKind.STATUS, 500, null, "PATCH", TEST_NS, Integer.MAX_VALUE);

    Promotion p = deploy(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason())
        .startsWith("set images failed: the Kubernetes API of environment test failed 4 times")
        .contains("patch deployments main-app in namespace faults-test")
        .contains("injected failure")
        .contains("then rollback set images failed");
    assertThat(requests("PATCH", TEST_NS).size() - patches)
        .as("bounded: 4 attempts per call, 2 runs of the step and 2 of the auto-rollback")
        .isLessThanOrEqualTo(16);
    String shown = outcomes.slackShows(p);
    assertThat(shown)
        .contains("❌ *Failed* at *set images*")
        .contains("the Kubernetes API of environment test")
        .contains("but test may run part of this one: `/baton status` shows any drift");
    assertThat(outcomes.audited(p)).contains("step.retrying", "step.failed");
    api.heal();
    assertThat(outcomes.current("test")).isEqualTo(before);
    outcomes.inventoryIsWhatRuns();
  }

  private Promotion deploy(Build b) {
    baton.register(b);
    return outcomes.awaitEnd("test", b.tag());
  }

  private void succeeded(Promotion p, Build b) {
    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    outcomes.slackShows(p);
    outcomes.audited(p);
    assertThat(outcomes.current("test")).isEqualTo(b.tag());
    outcomes.inventoryIsWhatRuns();
  }

  private List<TcpProxy.Seen> requests(String method, String pathPart) {
    return api.requests().stream()
        .filter(r -> r.line().startsWith(method + " ") && r.line().contains(pathPart))
        .toList();
  }
}
