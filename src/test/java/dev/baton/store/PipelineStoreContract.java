package dev.baton.store;

import static dev.baton.pipeline.model.StepRecord.Status.RETRYING;
import static dev.baton.pipeline.model.StepRecord.Status.SUCCEEDED;
import static dev.baton.testing.Builders.aDeployment;
import static dev.baton.testing.Builders.aFreeze;
import static dev.baton.testing.Builders.aLease;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.aPromotionLike;
import static dev.baton.testing.Builders.aRelease;
import static dev.baton.testing.Builders.aStepRecord;
import static dev.baton.testing.Builders.aWakeUp;
import static dev.baton.testing.Builders.anApproval;
import static dev.baton.testing.Builders.anAuditEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.StoreConflict;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.port.StoreTx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PipelineStore} must have. Subclasses give a store with fresh state and
 * a way to change an audit row behind the store's back.
 */
public abstract class PipelineStoreContract {
  static final Instant T0 = Instant.parse("2026-03-29T00:30:00.123456Z");
  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);

  /** A store with no data in it; called once before each test. */
  protected abstract PipelineStore store();

  /** Replaces the detail of one stored audit row without going through the store. */
  protected abstract void tamperAuditDetail(long seq, String detail);

  protected PipelineStore store;

  /** Committed state: every call is its own {@link PipelineStore#read}. */
  protected StoreReads reads;

  @BeforeEach
  void freshStore() {
    store = store();
    reads =
        (StoreReads)
            Proxy.newProxyInstance(
                StoreReads.class.getClassLoader(),
                new Class<?>[] {StoreReads.class},
                (proxy, method, args) -> store.read(r -> call(method, r, args)));
  }

  private static Object call(Method method, StoreReads target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean approve(String promotionId, String approver, Instant at) {
    return store.write(
        tx -> tx.insertApproval(anApproval().of(promotionId).by(approver).at(at).build()));
  }

  /** Commits {@code change} in one write. */
  private void commit(Consumer<StoreTx> change) {
    store.write(
        tx -> {
          change.accept(tx);
          return null;
        });
  }

  // ---- fixtures

  static Release release(String app, String tag, Instant at) {
    return aRelease()
        .ofApp(app)
        .withTag(tag)
        .withCommit("abc1234")
        .withBuildUrl("https://ci/" + tag)
        .withDigests(Map.of("worker", D2, "main", D1))
        .registeredAt(at)
        .registeredBy("ci-bot")
        .build();
  }

  static Deployment deployment(String id, String app, String env, String tag, Instant at) {
    return aDeployment()
        .withId(id)
        .ofApp(app)
        .in(env)
        .release(tag, Map.of("main", D1))
        .kind(DeploymentKind.PROMOTION)
        .byPromotion("p-" + id)
        .by("U1")
        .completedAt(at)
        .build();
  }

  static Promotion promotion(String id, String app, String env, PromotionState state) {
    return aPromotion()
        .withId(id)
        .ofApp(app)
        .toEnv(env)
        .from("test")
        .kind(PromotionKind.PROMOTION)
        .release("2026.03.01.0001", Map.of("main", D1, "worker", D2))
        .requestedBy("U_REQ")
        .inState(state)
        .atStep(null)
        .requestedAt(T0)
        .expiresAt(T0.plusSeconds(3600))
        .updatedAt(T0)
        .build();
  }

  static AuditEntry entry(String actor, String action, String app, String env, String tag) {
    return anAuditEntry()
        .by(actor)
        .action(action)
        .ofApp(app)
        .in(env)
        .release(tag)
        .detail(action + " by " + actor)
        .build();
  }

  // ---- releases

  @Test
  void releaseRoundTripsAndDuplicateConflicts() {
    Release r1 = release("shop", "2026.03.01.0001", T0);
    Release r2 = release("shop", "2026.03.02.0001", T0.plusSeconds(60));
    commit(
        tx -> {
          tx.insertRelease(r1);
          tx.insertRelease(r2);
          tx.insertRelease(release("other", "2026.03.01.0001", T0));
        });

    assertThat(reads.release("shop", "2026.03.01.0001")).contains(r1);
    assertThat(reads.release("shop", "2026.09.09.0009")).isEmpty();
    assertThat(reads.releases("shop", 10)).containsExactly(r2, r1);
    assertThat(reads.releases("shop", 1)).containsExactly(r2);

    Release again =
        aRelease()
            .ofApp("shop")
            .withTag(r1.tag())
            .withCommit("fff9999")
            .withDigests(Map.of())
            .registeredAt(T0)
            .registeredBy("x")
            .build();
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.audit(T0, entry("U1", "register", "shop", null, r1.tag()));
                      tx.insertRelease(again);
                      return null;
                    }))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads.release("shop", r1.tag())).contains(r1);
    assertThat(store.auditFrom(1, 10)).isEmpty();
  }

  @Test
  void instantsKeepMicrosecondsAndDigestMapsRoundTrip() {
    Instant nanos = Instant.parse("2026-10-25T01:30:00.123456789Z");
    Release r =
        aRelease()
            .ofApp("shop")
            .withTag("2026.10.25.0001")
            .withDigests(Map.of("b", D2, "a", D1, "c-1", D1))
            .registeredAt(nanos)
            .registeredBy(null)
            .build();
    commit(tx -> tx.insertRelease(r));
    Release back = reads.release("shop", "2026.10.25.0001").orElseThrow();
    assertThat(back.registeredAt()).isEqualTo(Instant.parse("2026-10-25T01:30:00.123456Z"));
    assertThat(back.digests())
        .containsExactly(Map.entry("a", D1), Map.entry("b", D2), Map.entry("c-1", D1));
    assertThat(back.commit()).isNull();
    assertThat(back.buildUrl()).isNull();
  }

  @Test
  void instantsDoNotDependOnTimeZonesOrDaylightSavingTime() {
    // 02:30 local time happens twice in Europe/Berlin that night; this is the second one.
    Instant t = Instant.parse("2026-10-25T01:30:00.123456Z");
    Deployment d = deployment("d1", "shop", "prod", "2026.10.25.0001", t);
    Promotion p = at(promotion("p1", "shop", "prod", PromotionState.APPROVED), t);
    Lease lease = aLease().onLane("shop/prod").heldBy("bot#1").expiresAt(t).build();
    Freeze freeze = aFreeze().by("U1").because("dst").at(t).until(t.plusSeconds(1)).build();
    StepRecord step = aStepRecord().step(Step.SET_IMAGES).at(t).build();
    AuditEvent event =
        store.write(
            tx -> {
              tx.insertRelease(release("shop", "2026.10.25.0001", t));
              tx.insertDeployment(d);
              tx.insertPromotion(p);
              tx.insertApproval(anApproval().by("U2").at(t).build());
              tx.putLease(lease);
              tx.putFreeze(freeze);
              tx.insertStep(step);
              return tx.audit(t, entry("U1", "dst", "shop", "prod", null));
            });
    assertThat(reads.release("shop", "2026.10.25.0001").orElseThrow().registeredAt()).isEqualTo(t);
    assertThat(reads.currentDeployment("shop", "prod")).contains(d);
    assertThat(reads.promotion("p1")).contains(p);
    assertThat(reads.approvals("p1")).containsExactly(anApproval().by("U2").at(t).build());
    assertThat(reads.lease("shop/prod")).contains(lease);
    assertThat(reads.freeze("prod")).contains(freeze);
    assertThat(reads.steps("p1")).containsExactly(step);
    assertThat(store.auditFrom(1, 10)).containsExactly(event);
    assertThat(event.at()).isEqualTo(Instant.parse("2026-10-25T01:30:00.123Z"));
    Instant justBefore = Instant.parse("2026-10-25T01:29:59Z");
    assertThat(store.audit(new AuditQuery(null, null, null, null, justBefore, t, null, 10)))
        .containsExactly(event);
    assertThat(store.audit(new AuditQuery(null, null, null, null, null, justBefore, null, 10)))
        .isEmpty();
  }

  // ---- deployments

  @Test
  void deploymentsComeNewestFirstAndTiesGoToTheLastWritten() {
    Deployment d1 = deployment("d1", "shop", "test", "2026.03.01.0001", T0);
    Deployment d2 = deployment("d2", "shop", "test", "2026.03.02.0001", T0.plusSeconds(10));
    Deployment d3 = deployment("d3", "shop", "test", "2026.03.03.0001", T0.plusSeconds(10));
    Deployment elsewhere = deployment("d4", "shop", "prod", "2026.03.09.0001", T0.plusSeconds(99));
    commit(
        tx -> {
          tx.insertDeployment(d1);
          tx.insertDeployment(d2);
          tx.insertDeployment(d3);
          tx.insertDeployment(elsewhere);
        });

    assertThat(reads.deployments("shop", "test", 10)).containsExactly(d3, d2, d1);
    assertThat(reads.deployments("shop", "test", 2)).containsExactly(d3, d2);
    assertThat(reads.currentDeployment("shop", "test")).contains(d3);
    assertThat(reads.currentDeployment("shop", "prod")).contains(elsewhere);
    assertThat(reads.currentDeployment("shop", "sandbox")).isEmpty();
    assertThat(reads.currentDeployment("web", "test")).isEmpty();

    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.insertDeployment(deployment("d1", "shop", "test", "x", T0));
                      return null;
                    }))
        .isInstanceOf(StoreConflict.class);
  }

  @Test
  void deploymentOfIsTheLatestRunOfThatRelease() {
    Deployment first = deployment("a", "shop", "prod", "2026.03.01.0001", T0);
    Deployment other = deployment("b", "shop", "prod", "2026.03.02.0001", T0.plusSeconds(5));
    Deployment again = deployment("c", "shop", "prod", "2026.03.01.0001", T0.plusSeconds(9));
    Deployment test = deployment("e", "shop", "test", "2026.03.05.0001", T0);
    commit(tx -> List.of(first, other, again, test).forEach(tx::insertDeployment));
    assertThat(reads.deploymentOf("shop", "prod", "2026.03.01.0001")).contains(again);
    assertThat(reads.deploymentOf("shop", "prod", "2026.03.02.0001")).contains(other);
    assertThat(reads.deploymentOf("shop", "prod", "2026.03.05.0001")).isEmpty();
    assertThat(reads.deploymentOf("web", "prod", "2026.03.01.0001")).isEmpty();
  }

  // ---- promotions

  @Test
  void oneOpenPromotionPerLaneUntilItEnds() {
    Promotion p1 = promotion("p1", "shop", "prod", PromotionState.PENDING_APPROVAL);
    commit(tx -> tx.insertPromotion(p1));
    assertThat(reads.openPromotion("shop", "prod")).contains(p1);
    assertThat(reads.promotion("p1")).contains(p1);

    Promotion p2 = promotion("p2", "shop", "prod", PromotionState.APPROVED);
    assertThatThrownBy(() -> store.write(tx -> insert(tx, p2))).isInstanceOf(StoreConflict.class);
    assertThat(reads.promotion("p2")).isEmpty();

    // Other lanes and terminal promotions are not affected.
    store.write(tx -> insert(tx, promotion("p3", "shop", "sandbox", PromotionState.APPROVED)));
    store.write(tx -> insert(tx, promotion("p4", "shop", "prod", PromotionState.CANCELLED)));
    assertThatThrownBy(
            () -> store.write(tx -> insert(tx, promotion("p1", "x", "y", PromotionState.EXPIRED))))
        .isInstanceOf(StoreConflict.class);

    store.write(
        tx -> tx.updatePromotion(p1.withState(PromotionState.REJECTED, T0.plusSeconds(5), "no")));
    assertThat(reads.openPromotion("shop", "prod")).isEmpty();

    store.write(tx -> insert(tx, p2));
    assertThat(reads.openPromotion("shop", "prod")).contains(p2);
    assertThat(reads.openPromotion("shop", "sandbox").map(Promotion::id)).contains("p3");

    // A promotion cannot be moved back into a lane that has another open one.
    Promotion p4 = reads.promotion("p4").orElseThrow();
    Promotion reopened =
        aPromotionLike(p4)
            .inState(PromotionState.PENDING_APPROVAL)
            .atStep(null)
            .failedAt(null)
            .attempts(0)
            .previous(null)
            .because(null)
            .build();
    assertThatThrownBy(() -> store.write(tx -> tx.updatePromotion(reopened)))
        .isInstanceOf(StoreConflict.class);
  }

  @Test
  void aBreakGlassReasonAndTicketRoundTripAndSurviveUpdates() {
    Promotion p =
        promotion("bg", "shop", "prod", PromotionState.PENDING_APPROVAL)
            .withBreakGlass(new BreakGlass("checkout down", "INC-9"));
    commit(tx -> tx.insertPromotion(p));
    assertThat(reads.promotion("bg").orElseThrow().breakGlass())
        .isEqualTo(new BreakGlass("checkout down", "INC-9"));

    store.write(
        tx ->
            tx.updatePromotion(
                reads.promotion("bg").orElseThrow().withState(PromotionState.APPROVED, T0, "ok")));
    assertThat(reads.promotion("bg").orElseThrow().breakGlass().ticket()).isEqualTo("INC-9");
    Promotion plain = promotion("plain", "shop", "sandbox", PromotionState.APPROVED);
    commit(tx -> tx.insertPromotion(plain));
    assertThat(reads.promotion("plain").orElseThrow().breakGlass()).isNull();
  }

  @Test
  void updatePromotionIsCompareAndSetOnVersion() {
    Promotion p = promotion("p1", "shop", "prod", PromotionState.APPROVED);
    store.write(tx -> insert(tx, p));
    Instant t1 = T0.plusSeconds(30);
    Promotion running =
        p.withState(PromotionState.RUNNING, t1, null)
            .withStep(Step.SET_IMAGES, 2, t1)
            .withPrevious("2026.02.01.0001");
    Promotion updated = store.write(tx -> tx.updatePromotion(running));
    assertThat(updated.version()).isEqualTo(1);
    assertThat(updated.state()).isEqualTo(PromotionState.RUNNING);
    assertThat(reads.promotion("p1")).contains(updated);
    assertThat(updated).usingRecursiveComparison().ignoringFields("version").isEqualTo(running);

    // The same (now stale) version loses.
    assertThatThrownBy(() -> store.write(tx -> tx.updatePromotion(running)))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads.promotion("p1")).contains(updated);

    Promotion failed =
        updated
            .withFailure(Step.AWAIT_ROLLOUT, Step.CLOSE_FAILED, "deadline", t1.plusSeconds(1))
            .withState(PromotionState.FAILED, t1.plusSeconds(2), null);
    Promotion closed = store.write(tx -> tx.updatePromotion(failed));
    assertThat(closed.version()).isEqualTo(2);
    assertThat(reads.promotion("p1").orElseThrow())
        .satisfies(
            x -> {
              assertThat(x.failedStep()).isEqualTo(Step.AWAIT_ROLLOUT);
              assertThat(x.step()).isEqualTo(Step.CLOSE_FAILED);
              assertThat(x.reason()).isEqualTo("deadline");
              assertThat(x.previousReleaseTag()).isEqualTo("2026.02.01.0001");
            });

    // A new promotion starts at version 0.
    Promotion versioned = closed.withStep(Step.CLOSE_FAILED, 0, t1);
    Promotion fresh =
        aPromotion()
            .withId("x")
            .ofApp("shop")
            .toEnv("qa")
            .from(null)
            .kind(versioned.kind())
            .release("t", versioned.digests())
            .requestedBy(null)
            .inState(PromotionState.EXPIRED)
            .atStep(null)
            .requestedAt(t1)
            .expiresAt(null)
            .updatedAt(t1)
            .version(versioned.version())
            .build();
    assertThatThrownBy(() -> store.write(tx -> insert(tx, fresh)))
        .isInstanceOf(IllegalArgumentException.class);

    Promotion unknown = promotion("nope", "shop", "qa", PromotionState.APPROVED);
    assertThatThrownBy(() -> store.write(tx -> tx.updatePromotion(unknown)))
        .isInstanceOf(StoreConflict.class);
  }

  @Test
  void promotionListsAreOrdered() {
    Promotion a = promotion("a", "shop", "test", PromotionState.PENDING_APPROVAL);
    Promotion b =
        at(promotion("b", "shop", "sandbox", PromotionState.APPROVED), T0.minusSeconds(5));
    Promotion c = at(promotion("c", "shop", "prod", PromotionState.SUCCEEDED), T0.plusSeconds(5));
    Promotion d = promotion("d", "web", "prod", PromotionState.PENDING_APPROVAL);
    commit(tx -> List.of(a, b, c, d).forEach(tx::insertPromotion));
    Set<PromotionState> open = EnumSet.of(PromotionState.PENDING_APPROVAL, PromotionState.APPROVED);
    assertThat(reads.promotionsIn(open)).extracting(Promotion::id).containsExactly("b", "a", "d");
    assertThat(reads.promotionsIn(Set.of())).isEmpty();
    assertThat(reads.recentPromotions("shop", 10))
        .extracting(Promotion::id)
        .containsExactly("c", "a", "b");
    assertThat(reads.recentPromotions("shop", 2))
        .extracting(Promotion::id)
        .containsExactly("c", "a");
  }

  @Test
  void anExceptionInsideWriteRollsBackEverything() {
    Promotion p = promotion("p1", "shop", "prod", PromotionState.PENDING_APPROVAL);
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                store.write(
                    tx -> {
                      tx.insertPromotion(p);
                      tx.audit(T0, AuditEntry.of("U1", "promotion.requested", p, "asked"));
                      tx.insertApproval(anApproval().by("U2").at(T0).build());
                      tx.putFreeze(aFreeze().by("U1").because("why").at(T0).build());
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(reads.promotion("p1")).isEmpty();
    assertThat(reads.openPromotion("shop", "prod")).isEmpty();
    assertThat(reads.approvals("p1")).isEmpty();
    assertThat(reads.freeze("prod")).isEmpty();
    assertThat(store.auditFrom(1, 10)).isEmpty();
    assertThat(store.audit(AuditQuery.latest(10))).isEmpty();

    AuditEvent first = store.write(tx -> tx.audit(T0, entry("U1", "x", null, null, null)));
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
  }

  @Test
  void aConflictCaughtInsideWriteLeavesTheTransactionUsable() {
    store.write(tx -> insert(tx, promotion("p1", "shop", "prod", PromotionState.APPROVED)));
    store.write(
        tx -> {
          try {
            tx.insertPromotion(promotion("p2", "shop", "prod", PromotionState.APPROVED));
          } catch (StoreConflict expected) {
            tx.audit(T0, entry("U1", "promotion.refused", "shop", "prod", null));
          }
          return null;
        });
    assertThat(store.auditFrom(1, 10))
        .extracting(AuditEvent::action)
        .containsExactly("promotion.refused");
  }

  // ---- approvals, freezes, leases, steps

  @Test
  void approvalsAreDistinctPerApproverAndKeepTheirOrder() {
    assertThat(approve("p1", "U2", T0)).isTrue();
    assertThat(approve("p1", "U2", T0.plusSeconds(1))).isFalse();
    assertThat(approve("p1", "U1", T0.plusSeconds(2))).isTrue();
    assertThat(approve("p2", "U2", T0)).isTrue();
    assertThat(reads.approvals("p1"))
        .containsExactly(
            anApproval().by("U2").at(T0).build(),
            anApproval().by("U1").at(T0.plusSeconds(2)).build());
    assertThat(reads.approvals("p3")).isEmpty();
  }

  @Test
  void freezesArePutReplacedAndDeleted() {
    Freeze f = aFreeze().by("U1").at(T0).until(T0.plusSeconds(3600)).build();
    commit(tx -> tx.putFreeze(f));
    assertThat(reads.freeze("prod")).contains(f);
    assertThat(reads.freeze("test")).isEmpty();
    Freeze open = aFreeze().by("U2").because(null).at(T0.plusSeconds(5)).build();
    commit(tx -> tx.putFreeze(open));
    assertThat(reads.freeze("prod")).contains(open);
    commit(
        tx -> {
          tx.deleteFreeze("prod");
          tx.deleteFreeze("never");
        });
    assertThat(reads.freeze("prod")).isEmpty();
  }

  @Test
  void leasesArePutReplacedAndDeleted() {
    Lease l =
        aLease().onLane("shop/prod").heldBy("bot-1#boot-a").expiresAt(T0.plusSeconds(30)).build();
    commit(tx -> tx.putLease(l));
    assertThat(reads.lease("shop/prod")).contains(l);
    Lease taken =
        aLease()
            .onLane("shop/prod")
            .of("p2")
            .heldBy("bot-2#boot-b")
            .expiresAt(T0.plusSeconds(90))
            .build();
    commit(tx -> tx.putLease(taken));
    assertThat(reads.lease("shop/prod")).contains(taken);
    assertThat(reads.lease("shop/test")).isEmpty();
    commit(tx -> tx.deleteLease("shop/prod"));
    assertThat(reads.lease("shop/prod")).isEmpty();
  }

  @Test
  void wakeUpsAreMovedByKindListedWhenDueAndDeletedWithTheirPromotion() {
    commit(
        tx -> {
          tx.putWakeUp(aWakeUp().of("p1").at(T0.plusSeconds(60)).build());
          tx.putWakeUp(aWakeUp().of("p1").kind(WakeUp.Kind.EXPIRE).at(T0.plusSeconds(600)).build());
          tx.putWakeUp(aWakeUp().of("p2").at(T0.plusSeconds(30)).build());
        });
    assertThat(reads.nextWakeUp()).contains(T0.plusSeconds(30));
    assertThat(reads.wakeUpsDue(T0.plusSeconds(60), 10))
        .containsExactly(
            aWakeUp().of("p2").at(T0.plusSeconds(30)).build(),
            aWakeUp().of("p1").at(T0.plusSeconds(60)).build());
    assertThat(reads.wakeUpsDue(T0.plusSeconds(60), 1)).hasSize(1);
    assertThat(reads.wakeUpsDue(T0, 10)).isEmpty();

    commit(tx -> tx.putWakeUp(aWakeUp().of("p2").at(T0.plusSeconds(900)).build()));
    assertThat(reads.wakeUpsDue(T0.plusSeconds(899), 10))
        .extracting(WakeUp::promotionId)
        .containsExactly("p1", "p1");

    WakeUp moved = aWakeUp().of("p2").at(T0.plusSeconds(30)).build();
    assertThat(store.<Boolean>write(tx -> tx.claimWakeUp(moved)))
        .as("moved since it was read")
        .isFalse();
    WakeUp expiry = aWakeUp().of("p1").kind(WakeUp.Kind.EXPIRE).at(T0.plusSeconds(600)).build();
    assertThat(store.<Boolean>write(tx -> tx.claimWakeUp(expiry))).isTrue();
    assertThat(store.<Boolean>write(tx -> tx.claimWakeUp(expiry)))
        .as("claimed once only")
        .isFalse();
    commit(tx -> tx.deleteWakeUps("p1"));
    assertThat(reads.wakeUpsDue(T0.plusSeconds(10_000), 10))
        .containsExactly(aWakeUp().of("p2").at(T0.plusSeconds(900)).build());
    assertThat(reads.nextWakeUp()).contains(T0.plusSeconds(900));
  }

  @Test
  void stepsComeBackInTheOrderWritten() {
    List<StepRecord> steps =
        List.of(
            aStepRecord().at(T0).build(),
            aStepRecord().status(SUCCEEDED).at(T0).detail("2 images").build(),
            aStepRecord()
                .step(Step.SET_IMAGES)
                .status(RETRYING)
                .at(T0.minusSeconds(1))
                .detail("409")
                .build(),
            aStepRecord()
                .step(Step.SET_IMAGES)
                .status(SUCCEEDED)
                .at(T0.plusSeconds(1))
                .attempt(2)
                .build());
    for (StepRecord s : steps) {
      commit(
          tx -> {
            tx.insertStep(s);
            tx.insertStep(
                aStepRecord()
                    .of("p2")
                    .step(s.step())
                    .status(s.status())
                    .at(T0)
                    .attempt(9)
                    .detail("other")
                    .build());
          });
    }
    assertThat(reads.steps("p1")).containsExactlyElementsOf(steps);
    assertThat(reads.steps("p2")).hasSize(4);
    assertThat(reads.steps("p3")).isEmpty();
  }

  // ---- audit

  /** 50 events over 5 apps, 3 envs, 4 actors, 10 tags, one per minute. */
  private List<AuditEvent> fiftyEvents() {
    List<AuditEvent> written = new ArrayList<>();
    String[] apps = {"shop", "web", "api", "jobs", null};
    String[] envs = {"test", "sandbox", "prod"};
    String[] actors = {"U1", "U2", "U3", "ci"};
    for (int i = 0; i < 50; i++) {
      int n = i;
      Instant at = T0.plusSeconds(60L * i).plusNanos(777_777);
      AuditEntry e =
          anAuditEntry()
              .by(actors[n % 4])
              .action("action." + n)
              .ofApp(apps[n % 5])
              .in(envs[n % 3])
              .release("2026.03." + String.format("%02d", 1 + n % 10) + ".0001")
              .promotion(n % 2 == 0 ? "p" + n : null)
              .detail(n % 7 == 0 ? null : "detail \"" + n + "\" ünïcödé;\nline")
              .build();
      written.add(store.write(tx -> tx.audit(at, e)));
    }
    return written;
  }

  @Test
  void auditChainVerifiesAndRoundTrips() {
    List<AuditEvent> written = fiftyEvents();
    assertThat(written)
        .extracting(AuditEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(written.get(0).at()).isEqualTo(Instant.parse("2026-03-29T00:30:00.124Z"));

    List<AuditEvent> stored = store.auditFrom(1, 1000);
    assertThat(stored).containsExactlyElementsOf(written);
    assertThat(AuditChain.verify(stored, 1, AuditChain.GENESIS)).isEmpty();
    assertThat(store.auditFrom(41, 5)).containsExactlyElementsOf(written.subList(40, 45));
    assertThat(AuditChain.verify(store.auditFrom(41, 100), 41, written.get(39).hash())).isEmpty();
    assertThat(store.auditFrom(51, 10)).isEmpty();

    // Several events in one write chain on each other.
    List<AuditEvent> two =
        store.write(
            tx ->
                List.of(
                    tx.audit(T0, entry("U1", "a", null, null, null)),
                    tx.audit(T0, entry("U1", "b", null, null, null))));
    assertThat(two).extracting(AuditEvent::seq).containsExactly(51L, 52L);
    assertThat(two.get(1).prevHash()).isEqualTo(two.get(0).hash());
    assertThat(AuditChain.verify(store.auditFrom(1, 1000), 1, AuditChain.GENESIS)).isEmpty();
  }

  @Test
  void auditFiltersReturnExactlyTheMatchingRowsNewestFirst() {
    List<AuditEvent> all = fiftyEvents();
    checkQuery(
        all,
        new AuditQuery("shop", null, null, null, null, null, null, 100),
        e -> "shop".equals(e.app()));
    checkQuery(
        all,
        new AuditQuery(null, "prod", null, null, null, null, null, 100),
        e -> "prod".equals(e.env()));
    checkQuery(
        all,
        new AuditQuery(null, null, "2026.03.04.0001", null, null, null, null, 100),
        e -> "2026.03.04.0001".equals(e.releaseTag()));
    checkQuery(
        all,
        new AuditQuery(null, null, null, "U2", null, null, null, 100),
        e -> "U2".equals(e.actor()));
    checkQuery(
        all,
        new AuditQuery("web", "sandbox", null, "U2", null, null, null, 100),
        e -> "web".equals(e.app()) && "sandbox".equals(e.env()) && "U2".equals(e.actor()));
    Instant from = all.get(10).at();
    Instant to = all.get(20).at();
    checkQuery(
        all,
        new AuditQuery(null, null, null, null, from, to, null, 100),
        e -> e.seq() >= 11 && e.seq() < 21);
    checkQuery(
        all, new AuditQuery(null, null, null, null, from, null, null, 100), e -> e.seq() >= 11);
    checkQuery(all, new AuditQuery(null, null, null, null, null, to, null, 100), e -> e.seq() < 21);
    checkQuery(
        all,
        new AuditQuery("shop", null, null, null, from, to, null, 100),
        e -> "shop".equals(e.app()) && e.seq() >= 11 && e.seq() < 21);
    checkQuery(all, new AuditQuery("nobody", null, null, null, null, null, null, 100), e -> false);
    assertThat(store.audit(AuditQuery.latest(3)))
        .extracting(AuditEvent::seq)
        .containsExactly(50L, 49L, 48L);
    assertThat(store.audit(AuditQuery.latest(0))).isEmpty();

    // Paging with beforeSeq walks every matching row exactly once.
    List<AuditEvent> paged = new ArrayList<>();
    Long before = null;
    while (true) {
      List<AuditEvent> page =
          store.audit(new AuditQuery(null, "test", null, null, null, null, before, 4));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(4);
      paged.addAll(page);
      before = page.get(page.size() - 1).seq();
    }
    assertThat(paged)
        .containsExactlyElementsOf(
            all.stream()
                .filter(e -> "test".equals(e.env()))
                .sorted((a, b) -> Long.compare(b.seq(), a.seq()))
                .toList());
  }

  private void checkQuery(List<AuditEvent> all, AuditQuery q, Predicate<AuditEvent> match) {
    List<AuditEvent> expected = new ArrayList<>(all.stream().filter(match).toList());
    Collections.reverse(expected);
    assertThat(store.audit(q)).as(q.toString()).containsExactlyElementsOf(expected);
    List<AuditEvent> limited = expected.subList(0, Math.min(2, expected.size()));
    AuditQuery two =
        new AuditQuery(
            q.app(), q.env(), q.releaseTag(), q.actor(), q.from(), q.to(), q.beforeSeq(), 2);
    assertThat(store.audit(two)).as(two.toString()).containsExactlyElementsOf(limited);
  }

  @Test
  void auditTimesNeverGoBackwardsAlongTheChainAndTimeRangesPageNewestFirst() {
    // Two replicas whose clocks disagree by seconds write in turn; several events share an instant.
    long[] offsets = {0, 5, -3, -3, 8, 2, 2, -10, 20, 20, 19, 30};
    List<AuditEvent> written = new ArrayList<>();
    for (int i = 0; i < offsets.length; i++) {
      Instant at = T0.plusSeconds(offsets[i]);
      AuditEntry e = anAuditEntry().by("U" + (i % 2)).action("clock." + i).ofApp("shop").build();
      written.add(store.write(tx -> tx.audit(at, e)));
    }
    Instant latest = written.get(0).at();
    for (int i = 1; i < written.size(); i++) {
      Instant own = written.get(0).at().plusSeconds(offsets[i]);
      latest = own.isBefore(latest) ? latest : own;
      assertThat(written.get(i).at())
          .as("event %d: its own time, or the chain's latest when its clock is behind", i)
          .isEqualTo(latest);
    }
    assertThat(AuditChain.verify(store.auditFrom(1, 100), 1, AuditChain.GENESIS)).isEmpty();

    Instant from = T0.plusSeconds(2);
    Instant to = T0.plusSeconds(20);
    List<AuditEvent> expected = new ArrayList<>();
    for (int i = written.size() - 1; i >= 0; i--) {
      Instant at = written.get(i).at();
      if (!at.isBefore(from) && at.isBefore(to)) {
        expected.add(written.get(i));
      }
    }
    List<AuditEvent> paged = new ArrayList<>();
    Long before = null;
    while (true) {
      List<AuditEvent> page =
          store.audit(new AuditQuery(null, null, null, null, from, to, before, 2));
      if (page.isEmpty()) {
        break;
      }
      paged.addAll(page);
      before = page.get(page.size() - 1).seq();
    }
    assertThat(paged).isNotEmpty().containsExactlyElementsOf(expected);
  }

  @Test
  void changingAStoredAuditRowBreaksVerification() {
    fiftyEvents();
    assertThat(AuditChain.verify(store.auditFrom(1, 100), 1, AuditChain.GENESIS)).isEmpty();
    tamperAuditDetail(17, "nothing happened here");
    Optional<String> problem = AuditChain.verify(store.auditFrom(1, 100), 1, AuditChain.GENESIS);
    assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("row 17"));
  }

  @Test
  void concurrentWritersGetAGaplessVerifiedChain() throws Exception {
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String actor = "U" + t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    int n = i;
                    store.write(
                        tx -> {
                          int seen = tx.approvals("p-" + actor).size();
                          tx.insertApproval(
                              anApproval().of("p-" + actor).by("A" + n).at(T0).build());
                          return tx.audit(
                              T0.plusMillis(n),
                              entry(actor, "write." + seen, "shop", "prod", null));
                        });
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<AuditEvent> log = store.auditFrom(1, 10_000);
    assertThat(log)
        .extracting(AuditEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    assertThat(AuditChain.verify(log, 1, AuditChain.GENESIS)).isEmpty();
    for (int t = 0; t < threads; t++) {
      String actor = "U" + t;
      // Each thread's writes saw exactly its earlier writes: the read-check-write was serialised.
      assertThat(log.stream().filter(e -> actor.equals(e.actor())).map(AuditEvent::action).toList())
          .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "write." + i).toList());
      assertThat(reads.approvals("p-" + actor)).hasSize(50);
    }
  }

  // ---- metric-gated bake

  static BakeHealth bakeOf(String tag, Instant rolloutEnd) {
    return BakeHealth.start("shop", "staging", tag, rolloutEnd, rolloutEnd.plusSeconds(1));
  }

  @Test
  void bakeHealthRoundTripsEveryFieldAndAPutReplacesIt() {
    BakeHealth fresh = bakeOf("v1", T0);
    commit(tx -> tx.putBakeHealth(fresh));
    assertThat(reads.bakeHealth("shop", "staging", "v1")).contains(fresh);
    BakeHealth evaluated =
        fresh
            .after(
                new Evaluation(Evaluation.Kind.PASSED, "error-rate 0 < 0.01"),
                T0.plusSeconds(60),
                java.time.Duration.ofMinutes(1))
            .after(
                new Evaluation(Evaluation.Kind.FAILED, "error-rate 0.5 ≥ 0.01 {code=\"500\"}"),
                T0.plusSeconds(120),
                java.time.Duration.ofMinutes(1))
            .after(
                new Evaluation(Evaluation.Kind.INCONCLUSIVE, "error-rate: inconclusive, HTTP 503"),
                T0.plusSeconds(180),
                java.time.Duration.ofMinutes(1));
    commit(tx -> tx.putBakeHealth(evaluated));
    commit(tx -> tx.putBakeHealth(evaluated));
    assertThat(reads.bakeHealth("shop", "staging", "v1")).contains(evaluated);
    assertThat(reads.bakeHealth("shop", "staging", "v2")).isEmpty();
    assertThat(reads.bakeHealth("shop", "prod", "v1")).isEmpty();
    assertThat(reads.bakeHealthDue(T0.plusSeconds(10_000), 10)).containsExactly(evaluated);
  }

  @Test
  void bakeHealthDueComesEarliestFirstUpToTheLimit() {
    commit(tx -> tx.putBakeHealth(bakeOf("v3", T0.plusSeconds(30))));
    commit(tx -> tx.putBakeHealth(bakeOf("v1", T0)));
    commit(tx -> tx.putBakeHealth(bakeOf("v2", T0.plusSeconds(10))));
    assertThat(reads.bakeHealthDue(T0.plusSeconds(11), 10))
        .extracting(BakeHealth::releaseTag)
        .containsExactly("v1", "v2");
    assertThat(reads.bakeHealthDue(T0.plusSeconds(100), 2))
        .extracting(BakeHealth::releaseTag)
        .containsExactly("v1", "v2");
    assertThat(reads.bakeHealthDue(T0, 10)).isEmpty();
  }

  @Test
  void aBakeHealthEvaluationIsClaimedOnceAtItsDueTime() {
    BakeHealth h = bakeOf("v1", T0);
    commit(tx -> tx.putBakeHealth(h));
    Instant lease = T0.plusSeconds(90);
    assertThat(store.<Boolean>write(tx -> tx.claimBakeHealth(h.dueAt(T0), lease)))
        .as("not stored as due then")
        .isFalse();
    assertThat(store.<Boolean>write(tx -> tx.claimBakeHealth(h, lease))).isTrue();
    assertThat(store.<Boolean>write(tx -> tx.claimBakeHealth(h, lease)))
        .as("claimed once only")
        .isFalse();
    assertThat(reads.bakeHealth("shop", "staging", "v1")).contains(h.dueAt(lease));
  }

  @Test
  void concurrentClaimsOfOneBakeHealthEvaluationHaveOneWinner() throws Exception {
    BakeHealth h = bakeOf("v1", T0);
    commit(tx -> tx.putBakeHealth(h));
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Instant lease = T0.plusSeconds(60 + t);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.<Boolean>write(tx -> tx.claimBakeHealth(h, lease));
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> f : futures) {
        won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void insert(StoreTx tx, Promotion p) {
    tx.insertPromotion(p);
    return null;
  }

  private static Promotion at(Promotion p, Instant requestedAt) {
    return aPromotionLike(p).requestedAt(requestedAt).build();
  }
}
