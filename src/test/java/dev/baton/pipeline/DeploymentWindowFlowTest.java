package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Builders.aWakeUp;
import static dev.baton.testing.Recorded.auditActions;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows and blackouts hold the start of promotions and auto-deploys until the next opening,
 * through the core's wake-ups and nothing else (no sweep runs here); rollbacks are never held. The
 * clock starts on Sunday 2026-11-22 09:00 UTC.
 */
class DeploymentWindowFlowTest {
  /** Monday 2026-11-23 09:00 in Berlin. */
  static final Instant MONDAY_OPENING = Instant.parse("2026-11-23T08:00:00Z");

  static final TestWorld WEEKDAYS_IN_SANDBOX =
      TestWorld.credreg().window("sandbox", "MON-FRI", "09:00", "16:00", "Europe/Berlin");

  private static TestPipeline pipeline(TestWorld world) {
    return new TestPipeline(world.pipeline(), new InMemoryPipelineStore());
  }

  @Test
  void anApprovedPromotionOutsideTheWindowStartsAtTheOpeningFromItsWakeUp() {
    TestPipeline t = pipeline(WEEKDAYS_IN_SANDBOX);
    String b1 = t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    t.advance(Duration.ofMinutes(30)); // the bake in test ends on Sunday: the window is shut

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(t.store.<List<WakeUp>>read(r -> r.wakeUpsDue(MONDAY_OPENING, 10)))
        .contains(aWakeUp().of(p).at(MONDAY_OPENING).build());

    t.advance(Duration.between(t.clock.instant(), MONDAY_OPENING).minusMillis(1));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(t.cluster.imageOf("sandbox", "main-app")).isNull();

    t.advance(Duration.ofMillis(1));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);
    assertThat(runningSince(t, p.id())).isEqualTo(MONDAY_OPENING);
  }

  @Test
  void aPromotionThatRunsPastTheCloseIsNotStopped() {
    TestPipeline t = pipeline(WEEKDAYS_IN_SANDBOX);
    t.registerBuild(1);
    t.advance(Duration.between(t.clock.instant(), MONDAY_OPENING.plus(Duration.ofHours(6))));
    t.faults.inject("cluster.awaitRollout sandbox", Faults.Action.CRASH, 1);
    Promotion p;
    try {
      p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    } catch (SimulatedCrash crash) {
      p = Recorded.latest(t); // the process died while the rollout ran, at 15:00 in Berlin
    }
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.RUNNING);

    t.clock.advance(Duration.ofHours(2)); // 17:00 in Berlin: the window closed at 16:00
    t.restart();
    t.clock.advance(t.leaseTtl.plusSeconds(1));
    t.core().sweeper().sweep(); // the new process resumes what was running

    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void anAutoDeployOutsideTheWindowWaitsAndTheNewestBuildDeploysAtTheOpening() {
    TestPipeline t =
        pipeline(TestWorld.credreg().window("test", "MON-FRI", "09:00", "16:00", "Europe/Berlin"));
    t.registerBuild(1);
    Promotion first = Recorded.latest(t);
    assertThat(first.kind()).isEqualTo(PromotionKind.AUTO_DEPLOY);
    assertThat(first.state()).isEqualTo(PromotionState.APPROVED);
    assertThat(auditActions(t.store, "test", 10)).contains("auto-deploy.waiting");
    assertThat(t.cluster.imageOf("test", "main-app")).isNull();

    t.advance(Duration.ofHours(3));
    String b2 = t.registerBuild(2); // supersedes the waiting deploy of build 1
    assertThat(promotion(t.store, first.id()).state()).isEqualTo(PromotionState.CANCELLED);

    t.advance(Duration.between(t.clock.instant(), MONDAY_OPENING));
    assertThat(currentTag(t.store, "test")).isEqualTo(b2);
    assertThat(t.cluster.imageOf("test", "main-app")).isNotNull();
  }

  @Test
  void aRollbackInsideABlackoutRunsAtOnceWhileAPromotionWaitsForItsEnd() {
    TestPipeline t =
        pipeline(
            TestWorld.credreg()
                .blackout(
                    "sandbox",
                    "2026-11-24T00:00",
                    "2026-11-26T12:00",
                    "Europe/Berlin",
                    "release freeze"));
    String b1 = inSandbox(t, 1);
    String b2 = inSandbox(t, 2);
    t.advance(Duration.between(t.clock.instant(), Instant.parse("2026-11-24T10:00:00Z")));

    Promotion rollback = t.core().rollbacks().rollback("sandbox", "credreg", b1, DEPLOYER);
    assertThat(promotion(t.store, rollback.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);

    Promotion again = t.core().promotions().request("credreg", "sandbox", b2, DEPLOYER).promotion();
    t.advance(Duration.ofSeconds(1));
    assertThat(promotion(t.store, again.id()).state()).isEqualTo(PromotionState.APPROVED);
    Instant end = Instant.parse("2026-11-26T11:00:00Z");
    t.advance(Duration.between(t.clock.instant(), end));
    assertThat(promotion(t.store, again.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b2);
  }

  /** Registers build {@code n} and puts it in sandbox (30 minutes of bake in test). */
  static String inSandbox(TestPipeline t, int n) {
    String tag = t.registerBuild(n);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    t.advance(Duration.ofMinutes(30));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    return tag;
  }

  private static Instant runningSince(TestPipeline t, String promotionId) {
    return t.store.audit(new AuditQuery(null, null, null, null, null, null, null, 500)).stream()
        .filter(e -> e.action().equals("promotion.running") && promotionId.equals(e.promotionId()))
        .map(AuditEvent::at)
        .findFirst()
        .orElseThrow();
  }

  /** Reads of the store these tests share. */
  static final class Recorded {
    static Promotion latest(TestPipeline t) {
      return dev.baton.testing.Recorded.latestPromotion(t.store);
    }
  }
}
