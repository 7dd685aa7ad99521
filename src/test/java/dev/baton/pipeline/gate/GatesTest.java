package dev.baton.pipeline.gate;

import static dev.baton.testing.Builders.aDeployment;
import static dev.baton.testing.Builders.aFreeze;
import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.anApproval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.DeploymentKind;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.ManifestRepository.Head;
import dev.baton.pipeline.port.RunningWorkload;
import dev.baton.pipeline.port.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each gate's allowed / denied / not-yet-until, table-driven, over a real (in-memory) store. */
class GatesTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final Pipeline PIPELINE = Fixtures.credreg();
  static final Map<String, String> T1 =
      Map.of("main-app", Fixtures.digest("m1"), "worker-app", Fixtures.digest("w1"));
  static final Map<String, String> T2 =
      Map.of("main-app", Fixtures.digest("m2"), "worker-app", Fixtures.digest("w2"));
  static final Duration PROD_BAKE = PIPELINE.env("prod").orElseThrow().policy().minimumBake();

  /** A promotion of T1 from sandbox into prod, requested an hour ago. */
  static Promotion toProd(PromotionKind kind, Instant expiresAt) {
    return aPromotion()
        .withId("p-gate")
        .toEnv("prod")
        .from(kind == PromotionKind.PROMOTION ? "sandbox" : null)
        .kind(kind)
        .release("T1", T1)
        .requestedBy(Fixtures.REQUESTER)
        .inState(PromotionState.APPROVED)
        .atStep(Step.VERIFY_IMAGES)
        .requestedAt(NOW.minus(Duration.ofHours(1)))
        .expiresAt(expiresAt)
        .updatedAt(NOW)
        .build();
  }

  static Consumer<StoreTx> sandboxRuns(String tag, Map<String, String> digests, Instant since) {
    return runs("sandbox", tag, digests, since);
  }

  static Consumer<StoreTx> runs(
      String env, String tag, Map<String, String> digests, Instant since) {
    return tx ->
        tx.insertDeployment(
            aDeployment()
                .withId("d-" + env + "-" + tag)
                .in(env)
                .release(tag, digests)
                .kind(DeploymentKind.PROMOTION)
                .byPromotion("p0")
                .by("U")
                .completedAt(since)
                .build());
  }

  static Consumer<StoreTx> prodFrozen(Instant until) {
    return tx -> tx.putFreeze(aFreeze().because("incident 7").at(NOW).until(until).build());
  }

  static Consumer<StoreTx> approvals(int n) {
    return tx -> {
      for (int i = 1; i <= n; i++) {
        tx.insertApproval(anApproval().of("p-gate").by("UAPPROVER" + i).at(NOW).build());
      }
    };
  }

  static final Consumer<StoreTx> NOTHING = tx -> {};
  static final Map<String, RunningWorkload> RUNS_T1 =
      Map.of(
          "main-app",
              new RunningWorkload("main-app", "r@" + T1.get("main-app"), T1.get("main-app"), true),
          "worker-app",
              new RunningWorkload(
                  "worker-app", "r@" + T1.get("worker-app"), T1.get("worker-app"), true));

  static final Consumer<StoreTx> PROD_RUNS_T1 =
      runs("prod", "T1", T1, NOW.minus(Duration.ofDays(1)));

  static Stream<Row> gates() {
    Promotion promotion = toProd(PromotionKind.PROMOTION, null);
    Promotion rollback = toProd(PromotionKind.ROLLBACK, null);
    Instant baked = NOW.minus(PROD_BAKE);
    return Stream.of(
        // gate, promotion, store, what the source runs, expected: null = allowed
        new Row("not frozen", Gates.NOT_FROZEN, promotion, NOTHING, null, null, null),
        new Row(
            "frozen until a time: not yet, until its end",
            Gates.NOT_FROZEN,
            promotion,
            prodFrozen(NOW.plusSeconds(600)),
            null,
            Code.FROZEN,
            NOW.plusSeconds(600)),
        new Row(
            "frozen until unfrozen: not yet, no instant",
            Gates.NOT_FROZEN,
            promotion,
            prodFrozen(null),
            null,
            Code.FROZEN,
            null),
        new Row(
            "a rollback passes a freeze",
            Gates.NOT_FROZEN,
            rollback,
            prodFrozen(null),
            null,
            null,
            null),
        new Row(
            "bake elapsed", Gates.BAKED, promotion, sandboxRuns("T1", T1, baked), null, null, null),
        new Row(
            "bake not elapsed: not yet, until it ends",
            Gates.BAKED,
            promotion,
            sandboxRuns("T1", T1, NOW.minus(Duration.ofHours(3))),
            null,
            Code.BAKING,
            NOW.minus(Duration.ofHours(3)).plus(PROD_BAKE)),
        new Row(
            "source moved on: denied as stale",
            Gates.BAKED,
            promotion,
            sandboxRuns("T2", T2, baked),
            null,
            Code.STALE,
            null),
        new Row("a rollback has no bake", Gates.BAKED, rollback, NOTHING, null, null, null),
        new Row(
            "source still records the release",
            Gates.SOURCE_STILL_CURRENT,
            promotion,
            sandboxRuns("T1", T1, baked),
            null,
            null,
            null),
        new Row(
            "source records another release: denied as stale",
            Gates.SOURCE_STILL_CURRENT,
            promotion,
            sandboxRuns("T2", T2, baked),
            null,
            Code.STALE,
            null),
        new Row(
            "source cluster runs exactly the digests",
            Gates.SOURCE_RUNS_EXACTLY,
            promotion,
            NOTHING,
            RUNS_T1,
            null,
            null),
        new Row(
            "source cluster runs something else: denied as stale",
            Gates.SOURCE_RUNS_EXACTLY,
            promotion,
            NOTHING,
            Map.of(),
            Code.STALE,
            null),
        new Row("approvals in", Gates.APPROVED, promotion, approvals(2), null, null, null),
        new Row(
            "approvals missing: denied",
            Gates.APPROVED,
            promotion,
            approvals(1),
            null,
            Code.UNAPPROVED,
            null),
        new Row(
            "not expired",
            Gates.NOT_EXPIRED,
            toProd(PromotionKind.PROMOTION, NOW.plusSeconds(1)),
            NOTHING,
            null,
            null,
            null),
        new Row(
            "expired at its deadline: denied",
            Gates.NOT_EXPIRED,
            toProd(PromotionKind.PROMOTION, NOW),
            NOTHING,
            null,
            Code.EXPIRED,
            null),
        new Row(
            "the environment runs other digests",
            Gates.DIGESTS_DIFFER,
            promotion,
            NOTHING,
            null,
            null,
            null),
        new Row(
            "the environment already runs these digests: denied",
            Gates.DIGESTS_DIFFER,
            promotion,
            PROD_RUNS_T1,
            null,
            Code.NOTHING_TO_DO,
            null),
        new Row(
            "a rollback is left to the rollback rules, not refused as already running",
            Gates.DIGESTS_DIFFER,
            rollback,
            PROD_RUNS_T1,
            null,
            null,
            null));
  }

  /** A gate, the promotion it looks at, the store and what the source runs; code null = allowed. */
  record Row(
      String name,
      Gate gate,
      Promotion p,
      Consumer<StoreTx> setup,
      Map<String, RunningWorkload> running,
      Code code,
      Instant until) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gates")
  void gateAnswers(Row row) {
    Promotion p = row.p();
    Code code = row.code();
    String name = row.name();
    InMemoryPipelineStore store = new InMemoryPipelineStore();
    store.write(
        tx -> {
          row.setup().accept(tx);
          return null;
        });
    Verdict v =
        store.read(
            r ->
                row.gate()
                    .check(
                        new GateInput(
                            p, PIPELINE.env(p.env()).orElseThrow(), r, row.running(), NOW)));
    if (code == null) {
      assertThat(v.allowed()).as(name + ": " + v).isTrue();
      return;
    }
    boolean waits = code == Code.FROZEN || code == Code.BAKING;
    assertThat(v).as(name).isInstanceOf(waits ? Verdict.NotYet.class : Verdict.Denied.class);
    assertThat(((Verdict.Blocked) v).code()).isEqualTo(code);
    assertThat(((Verdict.Blocked) v).reason()).isNotBlank();
    if (waits) {
      assertThat(((Verdict.NotYet) v).until()).as(name).isEqualTo(row.until());
    }
  }

  @Test
  void theFirstBlockingGateDecidesAndBlockersListThemAll() {
    InMemoryPipelineStore store = new InMemoryPipelineStore();
    store.write(
        tx -> {
          prodFrozen(NOW.plusSeconds(600)).accept(tx);
          sandboxRuns("T1", T1, NOW.minus(Duration.ofHours(3))).accept(tx);
          return null;
        });
    Promotion p = toProd(PromotionKind.PROMOTION, null);
    List<Gate> gates = List.of(Gates.NOT_FROZEN, Gates.BAKED, Gates.APPROVED);
    GateInput in =
        store.read(r -> new GateInput(p, PIPELINE.env("prod").orElseThrow(), r, null, NOW));
    Verdict first = store.read(r -> Gates.first(gates, new GateInput(p, in.env(), r, null, NOW)));
    List<Verdict.Blocked> all =
        store.read(r -> Gates.blockers(gates, new GateInput(p, in.env(), r, null, NOW)));
    assertThat(((Verdict.Blocked) first).code()).isEqualTo(Code.FROZEN);
    assertThat(all)
        .extracting(Verdict.Blocked::code)
        .containsExactly(Code.FROZEN, Code.BAKING, Code.UNAPPROVED);
  }

  static ThreeWayDrift sandboxDrift(Map<String, String> gitDigests, boolean gitReadable) {
    var app = PIPELINE.app("credreg").orElseThrow();
    Map<String, String> images = new java.util.TreeMap<>();
    gitDigests.forEach((w, d) -> images.put(w, "r@" + d));
    return ThreeWayDrift.of(
        "sandbox",
        app,
        java.util.Optional.of(aDeployment().in("sandbox").release("T1", T1).build()),
        gitReadable ? new Head("c0ffee", images) : null,
        "Git refused the credentials for https://git.example.com/deploy.git",
        RUNS_T1,
        null);
  }

  static Verdict gitGate(Promotion p, ThreeWayDrift drift) {
    InMemoryPipelineStore store = new InMemoryPipelineStore();
    return store.read(
        r ->
            Gates.SOURCE_GIT_AGREES.check(
                new GateInput(p, PIPELINE.env("prod").orElseThrow(), r, RUNS_T1, drift, NOW)));
  }

  @Test
  void aGitOpsSourceWhoseGitNamesWhatItsClusterRunsIsAllowed() {
    assertThat(gitGate(toProd(PromotionKind.PROMOTION, null), sandboxDrift(T1, true)).allowed())
        .isTrue();
    assertThat(gitGate(toProd(PromotionKind.PROMOTION, null), null).allowed())
        .as("a source that is not a GitOps environment")
        .isTrue();
  }

  @Test
  void aGitOpsSourceWhoseGitIsAheadOfItsClusterIsStale() {
    Verdict v = gitGate(toProd(PromotionKind.PROMOTION, null), sandboxDrift(T2, true));

    assertThat(v).isInstanceOf(Verdict.Denied.class);
    assertThat(((Verdict.Denied) v).code()).isEqualTo(Code.STALE);
    assertThat(((Verdict.Denied) v).reason())
        .isEqualTo("stale: " + sandboxDrift(T2, true).describe())
        .startsWith("stale: in sandbox Git (c0ffee) holds main-app sha256:")
        .endsWith("Git is ahead of the cluster (the controller has not synced yet)");
  }

  @Test
  void aGitOpsSourceWhoseGitCannotBeReadHoldsTheStartAndLooksAgainIn30Seconds() {
    Verdict v = gitGate(toProd(PromotionKind.PROMOTION, null), sandboxDrift(T1, false));

    assertThat(v).isInstanceOf(Verdict.NotYet.class);
    Verdict.NotYet w = (Verdict.NotYet) v;
    assertThat(w.code()).isEqualTo(Code.STALE);
    assertThat(w.until()).isEqualTo(NOW.plusSeconds(30));
    assertThat(w.reason())
        .isEqualTo(
            "what Git holds for sandbox could not be read: Git refused the credentials for"
                + " https://git.example.com/deploy.git");
  }

  @Test
  void aRollbackIsNeverHeldByItsEnvironmentsGit() {
    assertThat(gitGate(toProd(PromotionKind.ROLLBACK, null), sandboxDrift(T2, true)).allowed())
        .isTrue();
    assertThat(gitGate(toProd(PromotionKind.ROLLBACK, null), sandboxDrift(T1, false)).allowed())
        .isTrue();
  }
}
