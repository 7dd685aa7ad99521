package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.fakes.Fixtures.REQUESTER;
import static dev.baton.testing.Builders.aWakeUp;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Time-driven work happens at its instant, from persisted wake-ups, with no sweep: the clock moves
 * and only the timer runs.
 */
class WakeUpTest {
  private final TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());

  private Instant bakeEndInTest() {
    Deployment d = t.store.read(r -> r.currentDeployment("credreg", "test")).orElseThrow();
    return d.completedAt().plus(t.pipeline.env("sandbox").orElseThrow().policy().minimumBake());
  }

  @Test
  void anApprovedPromotionStartsWhenItsBakeEndsNotBefore() {
    String b1 = t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    Instant bakeEnd = bakeEndInTest();
    assertThat(p.state()).isEqualTo(PromotionState.APPROVED);
    assertThat(t.store.<List<WakeUp>>read(r -> r.wakeUpsDue(bakeEnd, 10)))
        .contains(aWakeUp().of(p).at(bakeEnd).build());

    t.advance(Duration.between(t.clock.instant(), bakeEnd).minusMillis(1));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(t.cluster.imageOf("sandbox", "main-app")).isNull();

    t.advance(Duration.ofMillis(1));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(b1);
    assertThat(runningSince(p.id())).isEqualTo(bakeEnd);
  }

  /** What happens to the process that wrote the wake-up before it is due. */
  enum Loss {
    A_RESTART(t -> t.restart()), // a new process: nothing in memory, the wake-up is in the store
    A_FAILOVER(t -> t.failOverTo("replica-b")); // the replica that wrote it is gone

    final Consumer<TestPipeline> happen;

    Loss(Consumer<TestPipeline> happen) {
      this.happen = happen;
    }
  }

  @ParameterizedTest(name = "after {0}")
  @EnumSource(Loss.class)
  void aWakeUpIsHonouredByAProcessThatDidNotWriteIt(Loss loss) {
    t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    Instant bakeEnd = bakeEndInTest();
    loss.happen.accept(t);

    itStartsAt(p, bakeEnd);
  }

  @Test
  void aTimedFreezeHoldsAnApprovedPromotionUntilItsEnd() {
    t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    Instant bakeEnd = bakeEndInTest();
    t.core().freezes().freeze("sandbox", Duration.ofMinutes(45), "release train", DEPLOYER);
    Instant freezeEnd = t.clock.instant().plus(Duration.ofMinutes(45));

    t.advance(Duration.between(t.clock.instant(), bakeEnd));
    assertThat(promotion(t.store, p.id()).state())
        .as("baked, but frozen")
        .isEqualTo(PromotionState.APPROVED);
    assertThat(t.store.<List<WakeUp>>read(r -> r.wakeUpsDue(freezeEnd, 10)))
        .contains(aWakeUp().of(p).at(freezeEnd).build());

    itStartsAt(p, freezeEnd);
  }

  @Test
  void anUnfreezeStartsTheApprovedPromotionsItHeld() {
    t.registerBuild(1);
    t.registerBuild(2);
    t.advance(Duration.ofHours(1));
    Promotion toSandbox =
        t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    assertThat(promotion(t.store, toSandbox.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    t.advance(Duration.ofHours(25));
    Promotion toProd =
        t.core().promotions().request("credreg", "prod", null, REQUESTER).promotion();
    t.core().freezes().freeze("prod", null, "incident", DEPLOYER);
    t.core().promotions().approve(toProd.id(), APPROVER_1);
    t.core().promotions().approve(toProd.id(), APPROVER_2);
    assertThat(promotion(t.store, toProd.id()).state()).isEqualTo(PromotionState.APPROVED);

    t.core().freezes().unfreeze("prod", Fixtures.ADMIN);
    assertThat(promotion(t.store, toProd.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void anUnapprovedRequestExpiresAtItsDeadlineAsBatonsOwnAct() {
    Promotion toProd = promoteToProdRequest();
    Instant deadline = toProd.expiresAt();
    t.advance(Duration.between(t.clock.instant(), deadline).minusSeconds(1));
    assertThat(promotion(t.store, toProd.id()).state()).isEqualTo(PromotionState.PENDING_APPROVAL);

    t.advance(Duration.ofSeconds(1));
    Promotion expired = promotion(t.store, toProd.id());
    assertThat(expired.state()).isEqualTo(PromotionState.EXPIRED);
    assertThat(expired.updatedAt()).isEqualTo(deadline);
    AuditEvent event = audit("promotion.expired").get(0);
    assertThat(event.actor()).isEqualTo("baton");
    assertThat(event.detail()).startsWith("not approved within");
  }

  @Test
  void theReminderComesAtItsConfiguredTimeOnce() {
    Promotion toProd = promoteToProdRequest();
    Duration before = t.pipeline.env("prod").orElseThrow().policy().reminderBefore();
    Instant remindAt = toProd.expiresAt().minus(before);
    t.advance(Duration.between(t.clock.instant(), remindAt).minusSeconds(1));
    assertThat(reminders(toProd.id())).isZero();

    t.advance(Duration.ofSeconds(1));
    assertThat(reminders(toProd.id())).isEqualTo(1);
    t.advance(Duration.ofHours(1));
    assertThat(reminders(toProd.id())).isEqualTo(1);
  }

  private Promotion promoteToProdRequest() {
    t.registerBuild(1);
    t.advance(Duration.ofHours(1));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    t.advance(Duration.ofHours(25));
    return t.core().promotions().request("credreg", "prod", null, REQUESTER).promotion();
  }

  private long reminders(String promotionId) {
    return t.chat.events().stream()
        .filter(
            e ->
                e instanceof PipelineEvent.ApprovalReminderDue r
                    && r.promotion().id().equals(promotionId))
        .count();
  }

  private List<AuditEvent> audit(String action) {
    return t.store.audit(AuditQuery.latest(1000)).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  /** Lets time pass up to {@code at}: {@code p} starts then and succeeds. */
  private void itStartsAt(Promotion p, Instant at) {
    t.advance(Duration.between(t.clock.instant(), at));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(runningSince(p.id())).isEqualTo(at);
  }

  private Instant runningSince(String promotionId) {
    return audit("promotion.running").stream()
        .filter(e -> promotionId.equals(e.promotionId()))
        .map(AuditEvent::at)
        .findFirst()
        .orElseThrow();
  }
}
