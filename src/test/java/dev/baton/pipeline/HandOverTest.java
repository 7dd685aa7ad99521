package dev.baton.pipeline;

import static dev.baton.testing.Recorded.auditActions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica that stops hands its promotions over, and the other replicas take over handed-over and
 * expired leases through their wake-ups — without waiting for a sweep.
 */
class HandOverTest {
  private static final String LANE = "credreg/test";
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());

  @AfterEach
  void stop() {
    t.faults.release();
    pool.shutdownNow();
  }

  @Test
  void aStoppingReplicaAbandonsARolloutWaitAtOnceAndAnotherResumesItWithoutASweep()
      throws Exception {
    PipelineCore leaving = t.replica("replica-a", pool);
    PipelineCore staying = t.replica("replica-b", Runnable::run);
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.HANG, 1);
    t.advance(Duration.ofSeconds(1));
    registerThrough(leaving);
    awaitCall("cluster.awaitRollout test main-app");

    long started = System.nanoTime();
    boolean handedOver = leaving.runner().shutdown(Duration.ofSeconds(20));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(handedOver).isTrue();
    assertThat(tookMs).as("a wait is abandoned, not sat out for the grace").isLessThan(5_000);
    Lease lease = t.store.read(r -> r.lease(LANE)).orElseThrow();
    assertThat(lease.handedOver()).isTrue();
    assertThat(lease.owner()).isEqualTo(leaving.runner().ownerId());
    Promotion p = t.store.read(r -> r.promotion(lease.promotionId())).orElseThrow();
    assertThat(p.state()).isEqualTo(PromotionState.RUNNING);
    assertThat(p.step()).isEqualTo(Step.AWAIT_ROLLOUT);
    assertThat(p.attempts()).as("an abandoned run is not an attempt").isZero();

    staying.wakeUps().rearm(); // what PostgreSQL's announcement (or the next poll) does
    t.timer.runDue();

    assertThat(currentTestRelease()).isEqualTo(Fixtures.tag(2));
    assertThat(auditActions(t.store, "test", 50))
        .containsSubsequence("promotion.succeeded", "promotion.resumed", "promotion.handed-over");
    assertThat(resumedCauses()).containsExactly("handed over by replica-a as it stopped");
  }

  @Test
  void aStepThatChangesThingsFinishesWithinTheGraceBeforeTheHandOver() throws Exception {
    PipelineCore leaving = t.replica("replica-a", pool);
    t.faults.inject("cluster.setImage test main-app", Faults.Action.HANG, 1);
    registerThrough(leaving);
    awaitCall("cluster.setImage test main-app");

    Future<Boolean> stopped = pool.submit(() -> leaving.runner().shutdown(Duration.ofSeconds(20)));
    Thread.sleep(300);
    assertThat(stopped.isDone()).as("setting images is not abandoned").isFalse();
    t.faults.release();

    assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
    Lease lease = t.store.read(r -> r.lease(LANE)).orElseThrow();
    assertThat(lease.handedOver()).isTrue();
    List<StepRecord> steps = t.store.read(r -> r.steps(lease.promotionId()));
    assertThat(steps)
        .filteredOn(s -> s.step() == Step.SET_IMAGES)
        .extracting(StepRecord::status)
        .containsExactly(StepRecord.Status.STARTED, StepRecord.Status.SUCCEEDED);
    Promotion p = t.store.read(r -> r.promotion(lease.promotionId())).orElseThrow();
    assertThat(p.step()).isEqualTo(Step.AWAIT_ROLLOUT);
  }

  @Test
  void anExpiredLeaseIsTakenOverAtItsExpiryByTheWakeUpsNotBySweep() throws Exception {
    PipelineCore dying = t.replica("replica-a", pool);
    PipelineCore staying = t.replica("replica-b", Runnable::run);
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.HANG, 1);
    t.advance(Duration.ofSeconds(1));
    registerThrough(dying);
    awaitCall("cluster.awaitRollout test main-app");
    Lease held = t.store.read(r -> r.lease(LANE)).orElseThrow();
    staying.wakeUps().rearm();

    t.advance(Duration.ofSeconds(29)); // replica-a stops answering: no renewal (the clock is ours)
    assertThat(currentTestRelease())
        .as("not before the lease expires")
        .isNotEqualTo(Fixtures.tag(2));
    t.advance(Duration.between(t.clock.instant(), held.expiresAt()));
    t.timer.runDue();

    assertThat(currentTestRelease()).isEqualTo(Fixtures.tag(2));
    assertThat(resumedCauses())
        .singleElement()
        .asString()
        .startsWith("replica-a stopped answering; its lease expired at 09:00:");
    t.faults.release(); // the stale runner wakes up: its next write finds the lease gone
    Thread.sleep(200);
    List<Deployment> deployments = t.store.read(r -> r.deployments("credreg", "test", 10));
    assertThat(deployments).filteredOn(d -> d.releaseTag().equals(Fixtures.tag(2))).hasSize(1);
  }

  private void registerThrough(PipelineCore core) {
    core.builds().register(TestWorld.pushed(t.registry, 2), "ci");
  }

  private void awaitCall(String operation) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!t.faults.calls().contains(operation)) {
      assertThat(System.nanoTime()).as("waiting for " + operation).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private String currentTestRelease() {
    return t.store
        .read(r -> r.currentDeployment("credreg", "test"))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  private List<String> resumedCauses() {
    return t.chat.events().stream()
        .filter(e -> e instanceof PipelineEvent.PromotionResumed)
        .map(e -> ((PipelineEvent.PromotionResumed) e).cause())
        .toList();
  }
}
