package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.registry.oci.RegistryProxy;
import dev.baton.testing.InjectedFaults.FaultKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry fails while a release is promoted to prod: transient faults are ridden out by the
 * adapter's retries; a registry that stays down fails the promotion cleanly, and tags that had
 * started to move are put back.
 */
class RegistryFaultsTest extends FaultScenarios {
  RegistryProxy registry;

  @BeforeEach
  void connect() {
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

    outcomes.succeeded(outcomes.promoteToProd(b), b);

    assertThat(registry.requests("HEAD").size() - before).isBetween(4, 12);
  }

  @Test
  void registry429WithRetryAfterIsWaitedOutAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    registry.inject(FaultKind.STATUS, 429, "1", "HEAD", "/manifests/sha256:", 1);
    long start = System.nanoTime();

    outcomes.succeeded(outcomes.promoteToProd(b), b);
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("Baton waited the second the registry asked for")
        .isGreaterThanOrEqualTo(1000);
  }

  @Test
  void aRegistryRequestThatTimesOutIsRetriedAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    // the manifest fetched to move the prod tag: no answer within the 1 s timeout, once
    registry.inject(FaultKind.HANG, 0, null, "GET", "/manifests/sha256:", 1);

    outcomes.succeeded(outcomes.promoteToProd(b), b);
  }

  @Test
  void aManifestCutOffHalfWayIsFetchedAgainAndThePromotionSucceeds() {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    registry.inject(FaultKind.BREAK, 0, null, "GET", "/manifests/sha256:", 1);

    outcomes.succeeded(outcomes.promoteToProd(b), b);
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
}
