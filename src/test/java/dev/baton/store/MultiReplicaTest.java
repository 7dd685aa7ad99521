package dev.baton.store;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.FakeSmokeChecker;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.fakes.RecordingChat;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.PostgresExtension;
import dev.baton.testing.TestWorld;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Baton instances — two application contexts, each with its own connection pool — on one
 * database, sharing the registry and cluster as real replicas would: concurrent identical clicks
 * spread over both execute a promotion once; an instance that dies mid-rollout is taken over by the
 * other once its lease expires, and the inventory ends equal to the cluster.
 */
class MultiReplicaTest {
  @RegisterExtension
  static final PostgresExtension POSTGRES =
      new PostgresExtension("baton_ha_", "the multi-replica test on PostgreSQL");

  private final ExecutorService pool = Executors.newFixedThreadPool(24);
  private final List<ApplicationContext> contexts = new ArrayList<>();
  private final Faults faults = new Faults();
  private final FakeRegistry registry = new FakeRegistry(faults);
  private final FakeCluster cluster = new FakeCluster(faults);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final Pipeline pipeline = Fixtures.credreg();
  private final AtomicLong ids = new AtomicLong();
  private final Duration leaseTtl = Duration.ofSeconds(30);

  @AfterEach
  void stop() {
    faults.clear();
    pool.shutdownNow();
    contexts.forEach(ApplicationContext::close);
  }

  @Test
  void onH2(@TempDir Path dir) throws Exception {
    String url = InProcessBaton.h2File(dir.resolve("baton"));
    scenario(() -> boot(url, "sa", ""));
  }

  @Test
  void onPostgres() throws Exception {
    PostgresExtension.Database db = POSTGRES.database();
    scenario(() -> boot(db.schemaUrl(), db.user(), db.password()));
  }

  private void scenario(Supplier<ApplicationContext> instances) throws Exception {
    ApplicationContext a = instances.get();
    ApplicationContext b = instances.get();
    PipelineCore coreA = core(a.getBean(JdbcPipelineStore.class), "replica-a");
    PipelineCore coreB = core(b.getBean(JdbcPipelineStore.class), "replica-b");
    PipelineStore store = b.getBean(JdbcPipelineStore.class);

    register(coreA, 1);
    awaitState(store, "test", Fixtures.tag(1));
    clock.advance(Duration.ofHours(1));
    coreB.promotions().request("credreg", "sandbox", null, DEPLOYER);
    awaitState(store, "sandbox", Fixtures.tag(1));
    clock.advance(Duration.ofHours(25));
    Promotion toProd = coreA.promotions().request("credreg", "prod", null, REQUESTER).promotion();
    coreB.promotions().approve(toProd.id(), APPROVER_1);

    // 100 identical clicks, spread over both instances, released at once
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> clicks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      PipelineCore core = i % 2 == 0 ? coreA : coreB;
      int kind = i % 3;
      clicks.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  switch (kind) {
                    case 0 -> core.promotions().approve(toProd.id(), APPROVER_2);
                    case 1 -> core.promotions().request("credreg", "prod", null, REQUESTER);
                    default -> core.sweeper().sweep();
                  }
                } catch (Refusal expected) {
                  // already approved / running / ended
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : clicks) {
      f.get(60, TimeUnit.SECONDS);
    }
    awaitPromotion(store, toProd.id(), PromotionState.SUCCEEDED);
    List<Deployment> prod = store.read(r -> r.deployments("credreg", "prod", 10));
    assertThat(prod).hasSize(1);
    assertThat(faults.calls().stream().filter(c -> c.equals("cluster.setImage prod main-app")))
        .as("one execution")
        .hasSize(1);

    // instance A dies mid-rollout of build 2 into test; B takes over once A's lease expires
    faults.inject("cluster.awaitRollout test main-app", Faults.Action.HANG, 1);
    long before = callCount("cluster.awaitRollout test main-app");
    Future<?> dying = pool.submit(() -> register(coreA, 2));
    awaitCall("cluster.awaitRollout test main-app", before + 1);
    a.close(); // abrupt: its pool and heartbeats die with it
    coreB.sweeper().sweep();
    assertThat(current(store, "test")).as("lease still held by A").isEqualTo(Fixtures.tag(1));
    clock.advance(leaseTtl.plusSeconds(1));
    // B sweeps as its schedule would: a sweep whose launch finds the previous one still looking at
    // the unexpired lease is dropped, and the next one takes over
    long sweepUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Fixtures.tag(2).equals(current(store, "test")) && System.nanoTime() < sweepUntil) {
      coreB.sweeper().sweep();
      Thread.sleep(200);
    }
    awaitState(store, "test", Fixtures.tag(2));
    faults.release(); // A's stuck thread wakes up into a closed database and stops
    try {
      dying.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // its writes fail: the database is closed or the lease is gone
    }
    for (String workload : List.of("main-app", "worker-app")) {
      assertThat(cluster.imageOf("test", workload))
          .as("inventory equals cluster")
          .isEqualTo(
              "credreg/"
                  + workload
                  + "@"
                  + Fixtures.digest((workload.equals("main-app") ? "main-" : "worker-") + 2));
    }
    assertThat(coreB.queries().verifyAuditChain().valid()).isTrue();
  }

  private PipelineCore core(PipelineStore store, String instance) {
    PipelinePorts ports =
        new PipelinePorts(
            pipeline,
            store,
            registry,
            cluster,
            new FakeSmokeChecker(faults),
            new RecordingChat(),
            Fixtures.directory(),
            clock,
            () -> instance + "-" + ids.incrementAndGet());
    return PipelineCore.create(ports, pool, LeaseOwner.forInstance(instance), leaseTtl, 3);
  }

  private void register(PipelineCore core, int n) {
    core.builds().register(TestWorld.pushed(registry, n), "ci");
  }

  private static String current(PipelineStore store, String env) {
    return store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  private static void awaitState(PipelineStore store, String env, String tag)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!tag.equals(current(store, env)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(current(store, env))
        .as(
            () ->
                "promotions "
                    + store.read(r -> r.recentPromotions("credreg", 5))
                    + " lease "
                    + store.read(r -> r.lease("credreg/" + env)))
        .isEqualTo(tag);
  }

  private static void awaitPromotion(PipelineStore store, String id, PromotionState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.read(r -> r.promotion(id)).orElseThrow().state() != state
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(store.read(r -> r.promotion(id)).orElseThrow().state()).isEqualTo(state);
  }

  private long callCount(String call) {
    return faults.calls().stream().filter(call::equals).count();
  }

  private void awaitCall(String call, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (callCount(call) < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(callCount(call)).as("calls of " + call).isEqualTo(count);
  }

  private ApplicationContext boot(String url, String user, String password) {
    ApplicationContext ctx =
        InProcessBaton.builder()
            .database(url, user, password)
            .property("baton.instance-id", "replica-" + (char) ('a' + contexts.size()))
            .start()
            .context();
    contexts.add(ctx);
    return ctx;
  }
}
