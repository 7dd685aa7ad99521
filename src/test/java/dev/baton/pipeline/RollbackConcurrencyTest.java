package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.port.StoreTx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Roll back click on a message that showed release A, while another replica makes B current: the
 * click is refused inside its write, and nothing is deployed.
 */
class RollbackConcurrencyTest {
  final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A store that, once armed, lets {@code before} run just before the next write begins. */
  static final class Interleaving implements PipelineStore {
    final PipelineStore delegate = new InMemoryPipelineStore();
    volatile Runnable before;

    @Override
    public <T> T write(Function<StoreTx, T> work) {
      Runnable r = before;
      if (r != null) {
        before = null;
        r.run();
      }
      return delegate.write(work);
    }

    @Override
    public <T> T read(Function<StoreReads, T> work) {
      return delegate.read(work);
    }

    @Override
    public List<AuditEvent> audit(AuditQuery query) {
      return delegate.audit(query);
    }

    @Override
    public List<AuditEvent> auditFrom(long fromSeq, int limit) {
      return delegate.auditFrom(fromSeq, limit);
    }
  }

  /** Z and A ran in prod, A runs; B waits for its second approval. Returns B's promotion. */
  static Promotion prepare(TestPipeline t) {
    RollbackTable.carry(t, 1);
    RollbackTable.carry(t, 2);
    RollbackTable.toSandbox(t, 3);
    t.clock.advance(Duration.ofHours(24));
    Promotion b = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.core().promotions().approve(b.id(), APPROVER_1);
    return b;
  }

  static long setImagesInProd(TestPipeline t) {
    return t.faults.calls().stream().filter(c -> c.startsWith("cluster.setImage prod")).count();
  }

  @Test
  void theOtherReplicaMakesBCurrentJustBeforeTheClickWrites() {
    Interleaving store = new Interleaving();
    TestPipeline t = new TestPipeline(Fixtures.credreg(), store);
    Promotion b = prepare(t);
    String z = Fixtures.tag(1);
    String a = Fixtures.tag(2);
    PipelineCore other = t.replica("replica-b", Runnable::run);
    long setBefore = setImagesInProd(t);
    // the click found prod running A (as its message showed); the other replica deploys B now
    store.before = () -> other.promotions().approve(b.id(), APPROVER_2);
    Throwable refused =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> t.core().rollbacks().rollback("prod", "credreg", z, a, DEPLOYER));
    assertThat(refused)
        .isInstanceOf(RollbackDesk.Outdated.class)
        .hasMessage(
            "prod runs "
                + Fixtures.tag(3)
                + " now, not "
                + a
                + " as the message showed; nothing was done");
    assertThat(current(t)).isEqualTo(Fixtures.tag(3));
    assertThat(setImagesInProd(t) - setBefore).as("only B's two workloads were set").isEqualTo(2);
    assertThat(rollbacks(t)).isEmpty();
  }

  @Test
  void racingClicksAndDeploymentsNeverRollBackFromAReleaseTheMessageDidNotShow() throws Exception {
    for (int round = 0; round < 20; round++) {
      TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
      Promotion b = prepare(t);
      String z = Fixtures.tag(1);
      String a = Fixtures.tag(2);
      PipelineCore deploying = t.replica("replica-b", Runnable::run);
      PipelineCore clicking = t.replica("replica-c", Runnable::run);
      CountDownLatch go = new CountDownLatch(1);
      Future<?> approve =
          pool.submit(
              () -> {
                go.await();
                try {
                  deploying.promotions().approve(b.id(), APPROVER_2);
                } catch (Refusal superseded) {
                  // the rollback came first and cancelled B's request
                }
                return null;
              });
      Future<Boolean> click =
          pool.submit(
              () -> {
                go.await();
                try {
                  clicking.rollbacks().rollback("prod", "credreg", z, a, DEPLOYER);
                  return true;
                } catch (Refusal r) {
                  return false;
                }
              });
      go.countDown();
      approve.get(30, TimeUnit.SECONDS);
      boolean rolledBack = click.get(30, TimeUnit.SECONDS);
      List<Deployment> prod = t.store.read(r -> r.deployments("credreg", "prod", 10));
      boolean bRan = prod.stream().anyMatch(d -> d.releaseTag().equals(Fixtures.tag(3)));
      if (rolledBack) {
        assertThat(bRan).as("round %d: a rollback from A means B never ran", round).isFalse();
        assertThat(current(t)).isEqualTo(z);
      } else {
        assertThat(rollbacks(t))
            .as("round %d: a refused click writes no rollback", round)
            .isEmpty();
        assertThat(prod.stream().filter(d -> d.releaseTag().equals(z))).hasSize(1);
      }
      assertThat(bRan && !rollbacks(t).isEmpty())
          .as("round %d: never B and then a rollback drawn for A", round)
          .isFalse();
      assertThat(t.core().queries().verifyAuditChain().valid()).isTrue();
    }
  }

  static String current(TestPipeline t) {
    return t.store
        .read(r -> r.currentDeployment("credreg", "prod"))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  static List<Promotion> rollbacks(TestPipeline t) {
    return t.store.read(r -> r.recentPromotions("credreg", 100)).stream()
        .filter(p -> p.kind() == PromotionKind.ROLLBACK)
        .toList();
  }
}
