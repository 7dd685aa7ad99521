package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.registry.oci.RegistryProxy;
import dev.baton.registry.oci.RegistryProxy.FaultKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry fails while a release is promoted to prod: transient faults are ridden out by the
 * adapter's retries; a registry that stays down fails the promotion cleanly, and tags that had
 * started to move are put back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedBaton.class)
@Timeout(60)
class RegistryFaultsTest {
  BatonUnderFaults baton;
  Outcomes outcomes;
  RegistryProxy registry;

  @BeforeAll
  void start(BatonUnderFaults shared) {
    baton = shared;
    outcomes = new Outcomes(baton);
    registry = baton.registry;
  }

  @AfterEach
  void heal() {
    registry.heal();
  }

  @Test
  void registry5xxWhileImagesAreCheckedIsRetriedAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    int before = registry.requests("HEAD").size();
    registry.inject(FaultKind.STATUS, 503, null, "HEAD", "/manifests/sha256:", 2);

    Promotion p = outcomes.promoteToProd(b);

    succeeded(p, b);
    assertThat(registry.requests("HEAD").size() - before).isBetween(4, 12);
  }

  @Test
  void registry429WithRetryAfterIsWaitedOutAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    registry.inject(FaultKind.STATUS, 429, "1", "HEAD", "/manifests/sha256:", 1);
    long start = System.nanoTime();

    Promotion p = outcomes.promoteToProd(b);

    succeeded(p, b);
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("Baton waited the second the registry asked for")
        .isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aRegistryRequestThatTimesOutIsRetriedAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    // the manifest fetched to move the prod tag: no answer within the 1 s timeout, once
    registry.inject(FaultKind.HANG, 0, null, "GET", "/manifests/sha256:", 1);

    Promotion p = outcomes.promoteToProd(b);

    succeeded(p, b);
  }

  @Test
  void aManifestCutOffHalfWayIsFetchedAgainAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    registry.inject(FaultKind.BREAK, 0, null, "GET", "/manifests/sha256:", 1);

    Promotion p = outcomes.promoteToProd(b);

    succeeded(p, b);
  }

  @Test
  void aRegistryThatStaysDownFailsThePromotionBeforeTheClusterIsTouched() {
    String before = outcomes.current("prod");
    Build b = outcomes.deployedToTest(baton.nextBuild());
    int requests = registry.requests("").size();
    registry.inject(FaultKind.STATUS, 503, null, null, null, Integer.MAX_VALUE);

    Promotion p = outcomes.promoteToProd(b);

    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason())
        .startsWith("verify images failed: registry default")
        .contains("503")
        .contains("looks unavailable or overloaded");
    assertThat(registry.requests("").size() - requests)
        .as("a bounded number of attempts")
        .isLessThanOrEqualTo(8);
    String shown = outcomes.slackShows(p);
    assertThat(shown)
        .contains("at *verify images*")
        .contains("registry default")
        .contains("Nothing was changed: prod still runs");
    assertThat(outcomes.audited(p)).contains("step.retrying", "step.failed");
    registry.heal();
    assertThat(outcomes.current("prod")).isEqualTo(before);
    outcomes.inventoryIsWhatRuns();
  }

  @Test
  void aTagMoveThatKeepsFailingPutsBackTheTagsThatMovedAndRollsBack() {
    String before = outcomes.current("prod");
    Build b = outcomes.deployedToTest(baton.nextBuild());
    // main-app:prod moves; worker-app:prod never does
    registry.inject(
        FaultKind.STATUS,
        500,
        null,
        "PUT",
        baton.repository("worker-app") + "/manifests/prod",
        Integer.MAX_VALUE);

    Promotion p = outcomes.promoteToProd(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason())
        .startsWith("move pointer tags failed: moving " + baton.repository("worker-app") + ":prod")
        .contains("500");
    String shown = outcomes.slackShows(p);
    assertThat(shown)
        .contains("at *pointer tags*")
        .contains(baton.repository("worker-app") + ":prod")
        .contains("The previous release `" + before + "` runs again");
    assertThat(outcomes.audited(p))
        .contains("step.failed")
        .containsSubsequence("promotion.running", "promotion.rolled_back");
    assertThat(outcomes.current("prod")).isEqualTo(before);
    outcomes.inventoryIsWhatRuns(); // main-app:prod is back on the release prod runs
  }

  private void succeeded(Promotion p, Build b) {
    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    outcomes.slackShows(p);
    outcomes.audited(p);
    assertThat(outcomes.current("prod")).isEqualTo(b.tag());
    outcomes.inventoryIsWhatRuns();
  }
}
