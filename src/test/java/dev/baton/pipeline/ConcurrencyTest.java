package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static dev.baton.testing.Recorded.auditActions;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.Clicks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Double clicks and a second replica, with real threads: a promotion executes exactly once. */
class ConcurrencyTest {
  final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static void concurrencyHolds(PipelineStore store, ExecutorService pool) throws Exception {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), store);
    t.registerBuild(1);
    t.clock.advance(Duration.ofHours(1));
    t.core().promotions().request("credreg", "sandbox", null, DEPLOYER);
    t.clock.advance(Duration.ofHours(25));
    Promotion p = t.core().promotions().request("credreg", "prod", null, REQUESTER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);

    List<PipelineCore> replicas =
        List.of(
            t.replica("replica-a", pool),
            t.replica("replica-b", pool),
            t.replica("replica-c", pool));
    String[] approvers = {APPROVER_2, APPROVER_3, GROUP_MEMBER};
    Clicks.atOnce(
        pool,
        60,
        i -> {
          PipelineCore core = replicas.get(i % 3);
          switch (i % 4) {
            case 0 -> core.promotions().approve(p.id(), approvers[i % approvers.length]);
            case 1 -> core.promotions().request("credreg", "prod", null, REQUESTER);
            case 2 -> core.sweeper().sweep();
            default -> core.runner().drive(p.id());
          }
        });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (promotion(t.store, p.id()).state() != PromotionState.SUCCEEDED
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    List<Deployment> deployments = t.store.read(r -> r.deployments("credreg", "prod", 10));
    assertThat(deployments).hasSize(1);
    assertThat(t.faults.calls().stream().filter(c -> c.equals("cluster.setImage prod main-app")))
        .as("the image was set once: one execution")
        .hasSize(1);
    assertThat(t.faults.calls().stream().filter(c -> c.startsWith("cluster.runMigration prod")))
        .hasSize(1);
    assertThat(
            t.store.read(r -> r.approvals(p.id())).stream()
                .map(a -> a.approver())
                .distinct()
                .count())
        .isEqualTo(t.store.read(r -> r.approvals(p.id())).size());
    assertThat(t.core().queries().verifyAuditChain().valid()).isTrue();
  }

  @Test
  void doubleClicksAndThreeReplicasExecuteAPromotionOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      concurrencyHolds(new InMemoryPipelineStore(), pool);
    }
  }

  @Test
  void aStoppingReplicaHandsItsPromotionOverWithoutWaitingForTheLease() throws Exception {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    t.registerBuild(1);
    PipelineCore leaving = t.replica("replica-a", pool);
    t.faults.inject("cluster.awaitRollout test main-app", Faults.Action.HANG, 1);
    String main = Fixtures.digest("main-2");
    String worker = Fixtures.digest("worker-2");
    t.registry.push("default", "credreg/main-app", main);
    t.registry.push("default", "credreg/worker-app", worker);
    leaving
        .builds()
        .register(
            new RegisterBuild(
                "credreg",
                Fixtures.tag(2),
                "abcdef2",
                null,
                Map.of("main-app", main, "worker-app", worker)),
            "ci");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!t.faults.calls().contains("cluster.awaitRollout test main-app")
        || t.faults.calls().stream().filter("cluster.awaitRollout test main-app"::equals).count()
            < 2) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    var stopped = pool.submit(() -> leaving.runner().shutdown(Duration.ofSeconds(10)));
    Thread.sleep(50);
    t.faults.release(); // the running step finishes and persists; the runner stops after it
    assertThat(stopped.get(10, TimeUnit.SECONDS))
        .as("handed over within the grace period")
        .isTrue();
    var lane = t.store.read(r -> r.lease("credreg/test"));
    assertThat(lane.orElseThrow().handedOver()).as("lease handed over at shutdown").isTrue();

    PipelineCore staying = t.replica("replica-b", Runnable::run);
    staying.sweeper().sweep(); // no clock advance needed
    List<Deployment> test = t.store.read(r -> r.deployments("credreg", "test", 1));
    assertThat(test.get(0).releaseTag()).isEqualTo(Fixtures.tag(2));
    assertThat(auditActions(t.store, "test", 50))
        .contains("promotion.handed-over", "promotion.resumed", "promotion.succeeded");
  }
}
