package dev.baton.testing;

import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Builders.aPolicy;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aPromotionLike;
import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builders' defaults are the credreg fixture's, and the example of docs/testing.md runs. */
class BuildersTest {
  @Test
  void thePolicyDefaultsAreCredregsLinks() {
    var prod = Fixtures.credreg().env("prod").orElseThrow().policy();
    assertThat(
            aPolicy()
                .requiring(2)
                .bake(Duration.ofHours(24))
                .pointerTags("prod")
                .freezeAfterRollback(true)
                .build())
        .isEqualTo(prod);
  }

  @Test
  void aPromotionLikeAnotherChangesOnlyWhatItIsTold() {
    Promotion p = aPromotion().requestedBy(DEPLOYER).inState(PromotionState.RUNNING).build();
    Promotion q = aPromotionLike(p).withId("p2").build();
    assertThat(q)
        .isEqualTo(
            aPromotion()
                .withId("p2")
                .requestedBy(DEPLOYER)
                .inState(PromotionState.RUNNING)
                .build());
    assertThat(aRelease().withDigest("main-app", "sha256:" + "0".repeat(64)).build().digests())
        .containsKeys("main-app", "worker-app");
  }

  @Test
  void aPromotionToSandboxStartsWhenTheBakeInTestEnds() {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    t.registerBuild(1); // deployed to test at once
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    assertThat(p.state()).isEqualTo(PromotionState.APPROVED); // no approvals, 30 min of bake
    t.advance(Duration.ofMinutes(30)); // the wake-up at the bake's end starts it
    assertThat(t.store.read(r -> r.promotion(p.id())).orElseThrow().state())
        .isEqualTo(PromotionState.SUCCEEDED);
    assertThat(t.cluster.imageOf("sandbox", "main-app")).endsWith(Fixtures.digest("main-1"));
  }
}
