package dev.baton.testing;

import static dev.baton.fakes.Fixtures.ADMIN;
import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.fakes.Fixtures.REQUESTER;
import static dev.baton.testing.Builders.NOW;
import static dev.baton.testing.Builders.aFreeze;
import static dev.baton.testing.Builders.aLease;
import static dev.baton.testing.Builders.aPolicy;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aPromotionLike;
import static dev.baton.testing.Builders.aRelease;
import static dev.baton.testing.Builders.aStepRecord;
import static dev.baton.testing.Builders.aWakeUp;
import static dev.baton.testing.Builders.anApp;
import static dev.baton.testing.Builders.anApproval;
import static dev.baton.testing.Builders.anAuditEntry;
import static dev.baton.testing.Builders.anEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
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
  void theAppAndEnvironmentDefaultsAreCredregs() {
    Pipeline credreg = Fixtures.credreg();
    assertThat(anApp().build()).isEqualTo(credreg.app("credreg").orElseThrow());
    assertThat(anEnvironment("sandbox").policy(aPolicy().bake(Duration.ofMinutes(30))).build())
        .isEqualTo(credreg.env("sandbox").orElseThrow());
  }

  @Test
  void theSmallRecordsDefaultToPromotionP1InProdAtNow() {
    assertThat(aFreeze().build()).isEqualTo(new Freeze("prod", ADMIN, "incident", NOW, null));
    assertThat(aFreeze().at(NOW.plusSeconds(5)).lasting(Duration.ofHours(1)).build().until())
        .isEqualTo(NOW.plusSeconds(5 + 3600));
    assertThat(anApproval().build()).isEqualTo(new Approval("p1", APPROVER_1, NOW));
    assertThat(aWakeUp().build()).isEqualTo(new WakeUp("p1", WakeUp.Kind.START, NOW));
    assertThat(aLease().build())
        .isEqualTo(new Lease("credreg/prod", "p1", "baton-1#boot-a", NOW.plusSeconds(30)));
    assertThat(aStepRecord().build())
        .isEqualTo(
            new StepRecord("p1", Step.VERIFY_IMAGES, StepRecord.Status.STARTED, NOW, 1, null));
    assertThat(anAuditEntry().build())
        .isEqualTo(
            new AuditEntry(REQUESTER, "promotion.requested", "credreg", "prod", null, null, null));
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
