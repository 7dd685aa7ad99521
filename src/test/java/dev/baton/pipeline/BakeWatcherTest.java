package dev.baton.pipeline;

import static dev.baton.fakes.FakeMetrics.outage;
import static dev.baton.fakes.FakeMetrics.value;
import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metric-gated bake in sandbox (prod needs 24 h of bake there): the watcher evaluates the
 * current release every minute on the fake Prometheus, a breach restarts the clock and is told
 * once, and an approved promotion to prod waits, then starts on its own wake-up once the checks
 * held.
 */
class BakeWatcherTest {
  static final Duration INTERVAL = Duration.ofMinutes(1);

  static AnalysisPolicy bake(Duration interval) {
    return new AnalysisPolicy(
        interval,
        Duration.ofMinutes(10),
        1,
        List.of(
            new MetricCheck(
                "error-rate",
                "sum(rate(errors{app=\"{{app}}\",version=\"{{release}}\"}[5m]))",
                SuccessCondition.parse("< 0.01"),
                MetricCheck.OnEmpty.WAIT)),
        false,
        true);
  }

  static TestPipeline sandboxGated(AnalysisPolicy a) {
    Pipeline p = TestWorld.credreg().pipeline();
    return new TestPipeline(
        new Pipeline(
            p.environments().stream()
                .map(e -> e.name().equals("sandbox") ? e.withAnalysis(a) : e)
                .toList(),
            p.apps()),
        new InMemoryPipelineStore());
  }

  /** Lets {@code d} pass minute by minute: wake-ups first, then the watcher's pass. */
  static void watchFor(TestPipeline t, Duration d) {
    for (long m = 0; m < d.toMinutes(); m++) {
      t.advance(INTERVAL);
      t.core().bakes().watch();
    }
  }

  static BakeHealth health(TestPipeline t, String tag) {
    return t.store.read(r -> r.bakeHealth("credreg", "sandbox", tag)).orElseThrow();
  }

  static List<PipelineEvent.BakeBreached> breaches(TestPipeline t) {
    return t.chat.events().stream()
        .filter(PipelineEvent.BakeBreached.class::isInstance)
        .map(PipelineEvent.BakeBreached.class::cast)
        .toList();
  }

  static List<String> bakeAudit(TestPipeline t) {
    return t.store.audit(AuditQuery.latest(100)).stream()
        .map(AuditEvent::action)
        .filter(a -> a.startsWith("bake."))
        .toList();
  }

  static Promotion approvedToProd(TestPipeline t) {
    Promotion p = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);
    t.core().promotions().approve(p.id(), APPROVER_2);
    return promotion(t.store, p.id());
  }

  @Test
  void breachBlocksThePromotionUntilTheChecksHeld24HoursAgainThenItStartsOnItsOwn() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    String tag = RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0.002));
    watchFor(t, Duration.ofHours(20));
    assertThat(health(t, tag).held(t.clock.instant())).isGreaterThanOrEqualTo(Duration.ofHours(20));

    t.metrics.answer(value(0.023), value(0.03), value(0.004));
    watchFor(t, Duration.ofMinutes(1));
    java.time.Instant breachAt = t.clock.instant();
    watchFor(t, Duration.ofMinutes(2));
    assertThat(breaches(t)).as("told once per breach").hasSize(1);
    PipelineEvent.BakeBreached b = breaches(t).get(0);
    assertThat(b.breach()).isEqualTo("error-rate 0.023 ≥ 0.01");
    assertThat(b.at()).isEqualTo(breachAt);
    assertThat(b.nextEnv()).isEqualTo("prod");
    assertThat(b.minimum()).isEqualTo(Duration.ofHours(24));
    assertThat(bakeAudit(t)).containsExactly("bake.recovered", "bake.breached");
    java.time.Instant lastFailure = breachAt.plus(INTERVAL);
    assertThat(health(t, tag).healthySince()).isEqualTo(lastFailure);
    List<PipelineEvent.BakeRecovered> recovered =
        t.chat.events().stream()
            .filter(PipelineEvent.BakeRecovered.class::isInstance)
            .map(PipelineEvent.BakeRecovered.class::cast)
            .toList();
    assertThat(recovered).as("told once, at the first pass after the breach").hasSize(1);
    assertThat(recovered.get(0).holding()).isEqualTo("error-rate 0.004 < 0.01");
    assertThat(recovered.get(0).at()).isEqualTo(lastFailure.plus(INTERVAL));
    assertThat(recovered.get(0).mayGoAt()).isEqualTo(lastFailure.plus(Duration.ofHours(24)));
    assertThat(t.store.audit(AuditQuery.latest(100)))
        .filteredOn(a -> a.action().equals("bake.breached"))
        .singleElement()
        .satisfies(
            a -> assertThat(a.detail()).endsWith("blocked until the checks hold for 1d 0h again"));

    Promotion p = approvedToProd(t);
    assertThat(p.state()).as("waits, never fails").isEqualTo(PromotionState.APPROVED);
    watchFor(t, Duration.ofHours(23));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(currentTag(t.store, "prod")).isNotEqualTo(tag);

    watchFor(t, Duration.ofMinutes(61));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "prod")).isEqualTo(tag);
  }

  @Test
  void evaluationsKeepTheirIntervalWhateverTheTickOfThePasses() {
    Duration interval = Duration.ofSeconds(10);
    TestPipeline t = sandboxGated(bake(interval));
    RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0.002));
    int before = t.metrics.queries().size();
    // passes every 4 s, out of step with the 10 s interval, for 400 s
    for (int s = 0; s < 100; s++) {
      t.advance(Duration.ofSeconds(4));
      t.core().bakes().watch();
    }
    assertThat(t.metrics.queries().size() - before)
        .as("one evaluation per 10 s, not per 12 s (an interval from each late pass)")
        .isBetween(39, 41);
  }

  @Test
  void theApprovalRequestAndTheAppStateShowHowLongTheChecksHeld() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0));
    watchFor(t, Duration.ofHours(18));
    Promotion p = approvedToProd(t);
    dev.baton.pipeline.view.Bake bake =
        t.store
            .read(
                r ->
                    dev.baton.pipeline.view.PromotionViews.status(
                        t.pipeline, r, p, t.clock.instant()))
            .bake();
    assertThat(bake.health().text()).isEqualTo("checks held for 18h 0m of 1d 0h");
    assertThat(bake.complete()).isFalse();

    PipelineQueries.EnvironmentState sandbox =
        t.core().queries().appState("credreg").environments().get(1);
    assertThat(sandbox.env()).isEqualTo("sandbox");
    assertThat(sandbox.bakeHealthForNext().state())
        .isEqualTo(dev.baton.pipeline.view.BakeHealthView.State.HOLDING);
    assertThat(sandbox.bakeHealthForNext().held()).isEqualTo(Duration.ofHours(18));
    assertThat(t.core().queries().appState("credreg").environments().get(2).bakeHealthForNext())
        .as("prod is the last link")
        .isNull();

    t.metrics.answer(value(0.5));
    watchFor(t, Duration.ofMinutes(1));
    assertThat(
            t.core().queries().appState("credreg").environments().get(1).bakeHealthForNext().text())
        .isEqualTo("checks breaching: held for 0s of 1d 0h");
  }

  @Test
  void aPrometheusOutageHoldsAnApprovedPromotionAndNeverCountsAsAPass() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    String tag = RollbackTable.toSandbox(t, 1);
    t.metrics.answer(outage());
    watchFor(t, Duration.ofHours(25));
    Promotion p = approvedToProd(t);
    watchFor(t, Duration.ofMinutes(10));
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(health(t, tag).lastConclusiveAt()).isNull();
    assertThat(breaches(t)).isEmpty();

    t.metrics.answer(value(0));
    watchFor(t, Duration.ofMinutes(2));
    assertThat(promotion(t.store, p.id()).state())
        .as("healthy on both sides of the outage: the time across it counts")
        .isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void theWatcherQueriesTheCurrentReleaseWithItsPlaceholdersFilled() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    String tag = RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0));
    watchFor(t, Duration.ofMinutes(3));
    assertThat(t.metrics.queries())
        .hasSize(3)
        .allMatch(
            q ->
                q.equals(
                    "sandbox: sum(rate(errors{app=\"credreg\",version=\"" + tag + "\"}[5m]))"));
  }

  @Test
  void aNewCurrentReleaseGetsItsOwnClockAndTheOldOneIsNoLongerEvaluated() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    String first = RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0));
    watchFor(t, Duration.ofMinutes(5));
    String second = RollbackTable.toSandbox(t, 2);
    int before = t.metrics.queries().size();
    watchFor(t, Duration.ofMinutes(3));
    assertThat(t.metrics.queries().subList(before, t.metrics.queries().size()))
        .hasSize(3)
        .allMatch(q -> q.contains(second));
    assertThat(health(t, second).healthySince())
        .isEqualTo(
            t.store
                .read(r -> r.currentDeployment("credreg", "sandbox"))
                .orElseThrow()
                .completedAt());
    assertThat(health(t, first).nextDue()).isAfter(t.clock.instant().plus(Duration.ofDays(300)));
  }

  @Test
  void ofTwoReplicasOnlyOneEvaluatesARecordAtItsDueTime() {
    TestPipeline t = sandboxGated(bake(INTERVAL));
    RollbackTable.toSandbox(t, 1);
    t.metrics.answer(value(0));
    PipelineCore other = t.replica("replica-b", Runnable::run);
    for (int i = 0; i < 5; i++) {
      t.advance(INTERVAL);
      int a = t.core().bakes().watch();
      int b = other.bakes().watch();
      assertThat(a + b).isEqualTo(1);
    }
    assertThat(t.metrics.queries()).hasSize(5);
  }

  @Test
  void withoutAnyMetricGatedEnvironmentTheWatcherDoesNothing() {
    TestPipeline t = new TestPipeline(TestWorld.credreg().pipeline(), new InMemoryPipelineStore());
    RollbackTable.toSandbox(t, 1);
    assertThat(t.core().bakes().active()).isFalse();
    watchFor(t, Duration.ofMinutes(3));
    assertThat(t.metrics.queries()).isEmpty();
    List<BakeHealth> records =
        t.store.read(r -> r.bakeHealthDue(t.clock.instant().plusSeconds(1_000_000), 10));
    assertThat(records).isEmpty();
  }

  @Test
  void theLastLinkIsNeverASourceSoItIsNotWatched() {
    Pipeline p = TestWorld.credreg().pipeline();
    TestPipeline t =
        new TestPipeline(
            new Pipeline(
                p.environments().stream()
                    .map(e -> e.name().equals("prod") ? e.withAnalysis(bake(INTERVAL)) : e)
                    .toList(),
                p.apps()),
            new InMemoryPipelineStore());
    assertThat(t.core().bakes().active()).isFalse();
  }
}
