package dev.baton.metrics;

import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.TcpProxy;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.testing.InjectedFaults.FaultKind;
import dev.baton.testing.TestWorld;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The metric-gated bake against the real Prometheus of {@code scripts/test-services.sh}: PromQL is
 * evaluated by Prometheus over what an exporter this test controls serves, while the bake clock is
 * the test's own (one evaluation per simulated hour). Breach → blocked → recovered → promoted, with
 * a 5xx answer in between that changes nothing. Skipped without {@code BATON_TEST_PROMETHEUS_URL}
 * (a failure on CI).
 */
@Timeout(120)
class RealPrometheusBakeTest {
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RealPrometheus real;
  private MetricsExporter exporter;
  private TcpProxy proxy;
  private PrometheusClient prometheus;
  private TestPipeline t;

  @BeforeEach
  void start() {
    real = RealPrometheus.start(0.004);
    exporter = real.exporter;
    proxy = new TcpProxy(real.port());
    prometheus =
        new PrometheusClient("http://127.0.0.1:" + proxy.port(), null, HTTP, Duration.ofSeconds(5));
    AnalysisPolicy bake =
        new AnalysisPolicy(
            INTERVAL,
            Duration.ofMinutes(10),
            1,
            List.of(
                new MetricCheck(
                    "error-rate",
                    "max(baton_test_error_ratio{app=\"{{app}}\",run=\"" + exporter.run + "\"})",
                    SuccessCondition.parse("< 0.01"),
                    MetricCheck.OnEmpty.WAIT)),
            false,
            true);
    Pipeline p = TestWorld.credreg().pipeline();
    t =
        new TestPipeline(
            new Pipeline(
                p.environments().stream()
                    .map(e -> e.name().equals("sandbox") ? e.withAnalysis(bake) : e)
                    .toList(),
                p.apps()),
            new InMemoryPipelineStore());
    t.useMetrics(new PrometheusMetrics(Map.of("sandbox", prometheus)));
  }

  @AfterEach
  void stop() {
    if (real != null) {
      real.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** {@code hours} simulated hours, one evaluation each: wake-ups first, then the watcher. */
  private void watchHours(int hours) {
    for (int h = 0; h < hours; h++) {
      t.advance(INTERVAL);
      t.core().bakes().watch();
    }
  }

  private BakeHealth health(String tag) {
    return t.store.read(r -> r.bakeHealth("credreg", "sandbox", tag)).orElseThrow();
  }

  @Test
  void breachBlocksThenRecoveryPromotesAfterTheWholeBakeHeldAgain() throws Exception {
    real.awaitScraped(0.004);
    String tag = RollbackTable.toSandbox(t, 1);
    watchHours(5);
    assertThat(health(tag).lastKind()).isEqualTo(Evaluation.Kind.PASSED);
    assertThat(health(tag).lastText()).isEqualTo("error-rate 0.004 < 0.01");

    exporter.set(0.023);
    real.awaitScraped(0.023);
    watchHours(1);
    Instant breach = t.clock.instant();
    assertThat(health(tag).healthySince()).isEqualTo(breach);
    List<PipelineEvent.BakeBreached> told =
        t.chat.events().stream()
            .filter(PipelineEvent.BakeBreached.class::isInstance)
            .map(PipelineEvent.BakeBreached.class::cast)
            .toList();
    assertThat(told)
        .singleElement()
        .satisfies(b -> assertThat(b.breach()).startsWith("error-rate 0.023 ≥ 0.01"));

    Promotion p = t.core().promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    t.core().promotions().approve(p.id(), APPROVER_1);
    t.core().promotions().approve(p.id(), APPROVER_2);
    assertThat(promotion(t.store, p.id()).state())
        .as("blocked, waiting")
        .isEqualTo(PromotionState.APPROVED);

    exporter.set(0.004);
    real.awaitScraped(0.004);
    watchHours(12);
    proxy.inject(FaultKind.STATUS, 503, null, null, "/api/v1/query", 1);
    watchHours(1);
    assertThat(health(tag).lastKind())
        .as("a 5xx answer is inconclusive")
        .isEqualTo(Evaluation.Kind.INCONCLUSIVE);
    assertThat(health(tag).healthySince()).as("and changes nothing").isEqualTo(breach);
    watchHours(10);
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.APPROVED);
    assertThat(currentTag(t.store, "prod")).isNotEqualTo(tag);

    watchHours(1);
    assertThat(promotion(t.store, p.id()).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "prod")).isEqualTo(tag);
  }
}
