package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.fakes.Fixtures.REQUESTER;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A promotion out of a GitOps environment (test, applied from Git) whose branch head and cluster
 * disagree is stale: refused when requested, cancelled when it is about to start; a Git that cannot
 * be read holds the start until it can. Rollbacks are never held by it.
 */
class GitOpsStaleSourceTest {
  TestPipeline t = new TestPipeline(GitOpsFlowTest.gitopsTest(), new InMemoryPipelineStore());

  static String shortDigest(String seed) {
    return "sha256:" + Fixtures.digest(seed).substring(7, 19);
  }

  /** Someone commits another main-app image to test's branch; the controller has not applied it. */
  void aCommitOutsideBatonNotSyncedYet() {
    t.git.sync(Sync.ON_DEMAND);
    t.git.commitByHand("test", "main-app", "credreg/main-app@" + Fixtures.digest("hand"));
  }

  @Test
  void aRequestFromAnEnvironmentWhoseGitIsAheadOfItsClusterIsRefusedNamingBoth() {
    String b1 = t.registerBuild(1);
    t.clock.advance(Duration.ofMinutes(30));
    aCommitOutsideBatonNotSyncedYet();

    assertThatThrownBy(() -> t.core().promotions().request("credreg", "sandbox", null, REQUESTER))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith("Refused: stale: in test Git (")
        .hasMessageContaining("holds main-app " + shortDigest("hand") + ", worker-app ")
        .hasMessageContaining("the cluster runs main-app " + shortDigest("main-1"))
        .hasMessageContaining("Git is ahead of the cluster (the controller has not synced yet)")
        .hasMessageEndingWith("Baton expected " + b1 + ".");
    List<Promotion> recent = t.store.read(r -> r.recentPromotions("credreg", 10));
    assertThat(recent).noneMatch(p -> p.env().equals("sandbox"));
  }

  @Test
  void aRequestWhileGitCannotBeReadIsRefusedAsUnavailable() {
    t.registerBuild(1);
    t.faults.inject("git.head test", Faults.Action.RETRYABLE, 1);

    assertThatThrownBy(() -> t.core().promotions().request("credreg", "sandbox", null, REQUESTER))
        .isInstanceOf(Refusal.class)
        .hasMessageStartingWith("could not read what Git holds for test: ");
  }

  @Test
  void aRequestFromAnEnvironmentWhereGitAndTheClusterAgreeIsAccepted() {
    String b1 = t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, REQUESTER).promotion();
    t.advance(Duration.ofMinutes(30));

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);
  }

  @Test
  void aCommitOutsideBatonWhileThePromotionWaitsCancelsItAsStaleWhenItWouldStart() {
    t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, REQUESTER).promotion();
    assertThat(p.state()).isEqualTo(PromotionState.APPROVED);
    aCommitOutsideBatonNotSyncedYet();

    t.advance(Duration.ofMinutes(30)); // the bake in test ends: the start re-checks the source

    Promotion after = promotion(t.store, p.id());
    assertThat(after.state()).isEqualTo(PromotionState.CANCELLED);
    assertThat(after.reason())
        .startsWith("stale: in test Git (")
        .contains("holds main-app " + shortDigest("hand"))
        .contains("the cluster runs main-app " + shortDigest("main-1"))
        .endsWith("Git is ahead of the cluster (the controller has not synced yet)");
    assertThat(currentTag(t.store, "sandbox")).isNull();
  }

  @Test
  void anUnreadableGitHoldsTheStartUntilItCanBeReadAndNeverLetsItThrough() {
    String b1 = t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, REQUESTER).promotion();
    t.faults.inject("git.head test", Faults.Action.RETRYABLE, 3);

    t.advance(Duration.ofMinutes(30)); // the first try: Git unreadable
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    t.advance(Duration.ofSeconds(30)); // second
    t.advance(Duration.ofSeconds(30)); // third
    assertThat(promotion(t.store, p.id()).state())
        .as("waits while Git cannot be read")
        .isEqualTo(PromotionState.APPROVED);
    assertThat(currentTag(t.store, "sandbox")).isNull();

    t.advance(Duration.ofSeconds(30)); // Git answers again

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);
  }

  @Test
  void aRollbackInAGitOpsEnvironmentWhoseGitAndClusterDisagreeIsNotHeld() {
    String b1 = t.registerBuild(1);
    t.registerBuild(2);
    aCommitOutsideBatonNotSyncedYet();
    t.git.sync(Sync.AT_ONCE);

    Promotion rollback = t.core().rollbacks().rollback("test", null, null, DEPLOYER);

    assertThat(rollback.kind()).isEqualTo(PromotionKind.ROLLBACK);
    assertThat(promotion(t.store, rollback.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
  }
}
