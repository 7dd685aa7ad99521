package dev.baton.config;

import static dev.baton.testing.Builders.aPromotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.pipeline.dora.DoraSeed;
import dev.baton.pipeline.dora.StoreDeliveryHistory;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.testing.Builders;
import dev.baton.testing.TestWorld;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Prometheus meters, fed the core's events over the seeded data set. */
class DoraMetersTest {
  private final InMemoryPipelineStore store = new InMemoryPipelineStore();
  private final MutableClock clock = new MutableClock(DoraSeed.D.plus(Duration.ofDays(10)));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Chat chat;

  DoraMetersTest() {
    DoraSeed.seed(store);
    DoraQueries dora =
        new DoraQueries(
            TestWorld.credreg().pipeline(),
            new StoreDeliveryHistory(store),
            clock,
            Duration.ofHours(24));
    chat = new DoraMeters(registry, dora, store, clock).observing(Chat.SILENT);
  }

  /** d6 of the seed: r4 promoted to prod at D+10d. */
  private Promotion r4Deployed(PromotionState state) {
    return aPromotion()
        .withId("p-d6")
        .toEnv("prod")
        .release(Fixtures.tag(4), Builders.credregDigests(4))
        .kind(PromotionKind.PROMOTION)
        .inState(state)
        .updatedAt(DoraSeed.D.plus(Duration.ofDays(10)))
        .build();
  }

  @Test
  void aSucceededPromotionCountsAndRecordsItsLeadTimeAndTheRestoreItEnded() {
    chat.publish(
        new PipelineEvent.PromotionChanged(r4Deployed(PromotionState.SUCCEEDED), "b", "ok"));
    chat.publish(
        new PipelineEvent.PromotionChanged(r4Deployed(PromotionState.SUCCEEDED), "b", "ok"));

    assertThat(
            registry
                .get("baton.deployments")
                .tags("app", "credreg", "env", "prod", "kind", "promotion", "outcome", "succeeded")
                .counter()
                .count())
        .isEqualTo(1.0); // told twice, counted once
    // r4 committed D+10d−30h → 30h
    assertThat(registry.get("baton.lead.time").timer().totalTime(TimeUnit.HOURS)).isEqualTo(30.0);
    // the failed promotion at D+3d+12h was open until this deployment: 6d12h = 156h
    assertThat(registry.get("baton.restore.time").timer().totalTime(TimeUnit.HOURS))
        .isEqualTo(156.0);
  }

  @Test
  void aFailedPromotionCountsWithItsOutcomeAndRecordsNoLeadTime() {
    chat.publish(
        new PipelineEvent.PromotionChanged(
            aPromotion().withId("px").toEnv("prod").inState(PromotionState.FAILED).build(),
            "b",
            "failed"));

    assertThat(registry.get("baton.deployments").tags("outcome", "failed").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.find("baton.lead.time").timer()).isNull();
  }

  @Test
  void aStepIsTimedFromItsStartToTheEventThatMovesPast() {
    Promotion running =
        aPromotion().inState(PromotionState.RUNNING).atStep(Step.AWAIT_ROLLOUT).build();
    chat.publish(new PipelineEvent.StepChanged(running, Step.AWAIT_ROLLOUT, "started"));
    clock.advance(Duration.ofSeconds(3));
    chat.publish(new PipelineEvent.StepChanged(running, Step.AWAIT_ROLLOUT, "2 of 3 pods ready"));
    clock.advance(Duration.ofSeconds(4));
    Promotion next =
        aPromotion().inState(PromotionState.RUNNING).atStep(Step.MIGRATE_AFTER).build();
    chat.publish(new PipelineEvent.StepChanged(next, Step.AWAIT_ROLLOUT, "rolled out"));

    var timer = registry.get("baton.promotion.step").tags("step", "await_rollout").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
  }
}
