package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.cluster.TcpProxy;
import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.testing.InjectedFaults.FaultKind;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes API fails while a build is deployed to test: transient faults are retried and the
 * deployment succeeds without anyone doing anything; an API that keeps refusing fails it cleanly,
 * naming the cause, with the inventory still naming what runs.
 */
class ClusterFaultsTest extends FaultScenarios {
  static final String TEST_NS = "/namespaces/faults-test/";
  TcpProxy api;

  @BeforeEach
  void connect() {
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

    outcomes.succeeded(outcomes.deployToTest(b), b);
    assertThat(requests("PATCH", TEST_NS + "deployments/main-app")).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void api429IsRetriedNoSoonerThanTheServerAsks() {
    Build b = baton.push(baton.nextBuild());
    int limited = requests("GET", TEST_NS + "deployments/main-app ").size();
    api.inject(FaultKind.STATUS, 429, "1", "GET", TEST_NS + "deployments/main-app ", 1);

    outcomes.succeeded(outcomes.deployToTest(b), b);
    List<TcpProxy.Seen> reads = requests("GET", TEST_NS + "deployments/main-app ");
    assertThat(reads.get(limited + 1).atMillis() - reads.get(limited).atMillis())
        .as("the retry after a 429 with Retry-After: 1")
        .isGreaterThanOrEqualTo(950);
  }

  @Test
  void anApiRequestThatTimesOutIsRetriedAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.HANG, 0, null, "PATCH", TEST_NS + "deployments/worker-app", 1);

    outcomes.succeeded(outcomes.deployToTest(b), b);
  }

  @Test
  void anAnswerCutOffHalfWayIsReadAgainAndTheDeploySucceeds() {
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.BREAK, 0, null, "GET", TEST_NS + "deployments/main-app ", 1);

    outcomes.succeeded(outcomes.deployToTest(b), b);
  }

  @Test
  void aMigrationJobCreatedWhoseAnswerWasLostRunsOnce() {
    Build b = baton.push(baton.nextBuild());
    // the API server creates the Job; its answer is cut off half-way
    api.inject(FaultKind.BREAK, 0, null, "POST", TEST_NS + "jobs ", 1);

    Promotion p = outcomes.deployToTest(b);

    outcomes.succeeded(p, b);
    List<Job> jobs =
        baton.api.client.batch().v1().jobs().inNamespace("faults-test").list().getItems();
    assertThat(jobs)
        .filteredOn(j -> j.getMetadata().getName().endsWith(p.id().substring(0, 8)))
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

    outcomes.succeeded(outcomes.awaitEnd("test", b.tag()), b);
    assertThat(api.accepted()).as("Baton connected again").isGreaterThan(connections);
  }

  @Test
  void anApiThatKeepsRefusingWritesIsWaitedOutByTheAutoRollbackThenRolledBack() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    api.inject(FaultKind.STATUS, 500, null, "PATCH", TEST_NS, Integer.MAX_VALUE);

    baton.register(b);
    long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    Promotion p = null;
    while (System.nanoTime() < end) {
      p = baton.promotion("test", b.tag()).orElse(null);
      if (p != null
          && p.step() == Step.ROLLBACK_SET_IMAGES
          && auditDetails(b).stream().anyMatch(d -> d.contains("waiting for it to answer"))) {
        break;
      }
      baton.core().sweeper().sweep();
      Outcomes.sleep(200);
    }
    assertThat(p).isNotNull();
    assertThat(p.state())
        .as("the failed release may run: the auto-rollback does not give up while the API errs")
        .isEqualTo(PromotionState.RUNNING);
    assertThat(p.step()).isEqualTo(Step.ROLLBACK_SET_IMAGES);
    assertThat(outcomes.current("test")).isEqualTo(before);
    assertThat(outcomes.slackShows(p))
        .contains("auto-rollback: set images")
        .contains("recovering from a failure");

    api.heal();
    Promotion done = outcomes.awaitEnd("test", b.tag());

    assertThat(done.state()).as(done.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(done.reason())
        .startsWith("set images failed: the Kubernetes API of environment test failed 4 times")
        .contains("patch deployments main-app in namespace faults-test")
        .contains("injected failure");
    assertThat(outcomes.slackShows(done))
        .contains("*Failed and rolled back* at *set images*")
        .contains("the Kubernetes API of environment test");
    assertThat(outcomes.audited(done)).contains("step.retrying", "step.failed");
    assertThat(outcomes.current("test")).isEqualTo(before);
    outcomes.inventoryIsWhatRuns();
  }

  private List<String> auditDetails(Build b) {
    return baton
        .core()
        .ports()
        .store()
        .audit(new AuditQuery(null, null, b.tag(), null, null, null, null, 500))
        .stream()
        .map(e -> e.detail() == null ? "" : e.detail())
        .toList();
  }

  private List<TcpProxy.Seen> requests(String method, String pathPart) {
    return api.requests().stream()
        .filter(r -> r.line().startsWith(method + " ") && r.line().contains(pathPart))
        .toList();
  }
}
