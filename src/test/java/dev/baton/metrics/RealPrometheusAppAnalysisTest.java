package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigurationError;
import dev.baton.fakes.TestPipeline;
import dev.baton.fakes.TwoApps;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineEvent;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two apps in sandbox whose checks differ, against the real Prometheus of {@code
 * scripts/test-services.sh}: sandbox checks the error ratio, billing checks its own queue depth
 * ({@code baton.apps.billing.analysis.sandbox}). The exporter serves the error ratio for credreg
 * only, so billing can pass its analysis only through its own check. Skipped without {@code
 * BATON_TEST_PROMETHEUS_URL} (a failure on CI).
 */
@Timeout(120)
class RealPrometheusAppAnalysisTest {
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RealPrometheus real;
  private MetricsExporter exporter;
  private String url;
  private PrometheusClient prometheus;

  @BeforeEach
  void start() {
    real = RealPrometheus.start(0.004);
    exporter = real.exporter;
    url = real.url;
    exporter.set("baton_test_queue_depth", TwoApps.BILLING, 3);
    prometheus = new PrometheusClient(url, null, HTTP, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (real != null) {
      real.close();
    }
  }

  private AnalysisPolicy analysis(String name, String metric, String condition) {
    return new AnalysisPolicy(
        INTERVAL,
        Duration.ofMinutes(2),
        1,
        List.of(
            new MetricCheck(
                name,
                "max(" + metric + "{app=\"{{app}}\",run=\"" + exporter.run + "\"})",
                SuccessCondition.parse(condition),
                MetricCheck.OnEmpty.WAIT)),
        true,
        true);
  }

  private TestPipeline world() {
    TestPipeline t =
        TwoApps.world(
            analysis("error-rate", "baton_test_error_ratio", "< 0.01"),
            analysis("queue-depth", "baton_test_queue_depth", "< 100"));
    t.useMetrics(new PrometheusMetrics(Map.of("sandbox", prometheus)));
    return t;
  }

  /** Waits until Prometheus has scraped {@code value} for {@code series} of this exporter. */
  private void scraped(String metric, String app, double value) throws InterruptedException {
    String series = metric + "{app=\"" + app + "\",run=\"" + exporter.run + "\"}";
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      if (prometheus.query(series) instanceof Metrics.Series s
          && !s.samples().isEmpty()
          && s.samples().get(0).value() == value) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus never scraped " + value + " for " + series);
  }

  private static Promotion now(TestPipeline t, Promotion p) {
    return dev.baton.testing.Recorded.promotion(t.store, p.id());
  }

  private static BakeHealth health(TestPipeline t, String app, String tag) {
    return t.store.read(r -> r.bakeHealth(app, "sandbox", tag)).orElseThrow();
  }

  @Test
  void eachAppsAnalysisAndBakeAreEvaluatedWithItsOwnChecks() throws Exception {
    scraped("baton_test_error_ratio", "credreg", 0.004);
    scraped("baton_test_queue_depth", TwoApps.BILLING, 3);
    TestPipeline t = world();

    List<Promotion> ps = TwoApps.bothToSandbox(t);
    t.advance(INTERVAL);
    t.advance(INTERVAL);
    assertThat(now(t, ps.get(0)).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(now(t, ps.get(1)).state())
        .as("billing has no error-ratio series: only its own check can pass it")
        .isEqualTo(PromotionState.SUCCEEDED);

    t.core().bakes().watch();
    String tag = ps.get(1).releaseTag();
    assertThat(health(t, TwoApps.BILLING, tag).lastText()).isEqualTo("queue-depth 3 < 100");
    assertThat(health(t, "credreg", ps.get(0).releaseTag()).lastText())
        .isEqualTo("error-rate 0.004 < 0.01");

    exporter.set("baton_test_queue_depth", TwoApps.BILLING, 250);
    scraped("baton_test_queue_depth", TwoApps.BILLING, 250);
    t.advance(INTERVAL);
    t.core().bakes().watch();

    assertThat(health(t, TwoApps.BILLING, tag).lastKind()).isEqualTo(Evaluation.Kind.FAILED);
    assertThat(health(t, "credreg", ps.get(0).releaseTag()).lastKind())
        .isEqualTo(Evaluation.Kind.PASSED);
    assertThat(
            t.chat.events().stream()
                .filter(PipelineEvent.BakeBreached.class::isInstance)
                .map(PipelineEvent.BakeBreached.class::cast)
                .toList())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.app()).isEqualTo(TwoApps.BILLING);
              assertThat(b.breach()).startsWith("queue-depth 250 ≥ 100");
            });
  }

  @Test
  void aBreachOfAnAppsOwnCheckFailsOnlyThatAppsPostDeployAnalysis() throws Exception {
    exporter.set("baton_test_queue_depth", TwoApps.BILLING, 250);
    scraped("baton_test_error_ratio", "credreg", 0.004);
    scraped("baton_test_queue_depth", TwoApps.BILLING, 250);
    TestPipeline t = world();

    List<Promotion> ps = TwoApps.bothToSandbox(t);
    t.advance(INTERVAL);
    t.advance(INTERVAL);

    assertThat(now(t, ps.get(0)).state()).isEqualTo(PromotionState.SUCCEEDED);
    Promotion billing = now(t, ps.get(1));
    assertThat(billing.state()).isIn(PromotionState.FAILED, PromotionState.ROLLED_BACK);
    assertThat(billing.failedStep()).isEqualTo(Step.ANALYSIS);
    assertThat(billing.reason()).contains("queue-depth 250 ≥ 100");
  }

  @Test
  void theStartupDryEvaluationRefusesABadQueryOfAnAppNamingItsKey() {
    TestPipeline t =
        TwoApps.world(
            analysis("error-rate", "baton_test_error_ratio", "< 0.01"),
            new AnalysisPolicy(
                INTERVAL,
                Duration.ofMinutes(2),
                1,
                List.of(
                    new MetricCheck(
                        "queue-depth",
                        "max(baton_test_queue_depth{app=\"{{app}}\"}",
                        SuccessCondition.parse("< 100"),
                        MetricCheck.OnEmpty.WAIT)),
                true,
                false));
    Metrics metrics = new PrometheusMetrics(Map.of("sandbox", prometheus));

    assertThatThrownBy(() -> DryEvaluation.check(t.pipeline, metrics))
        .isInstanceOf(ConfigurationError.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationError) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "baton.apps.billing.analysis.sandbox.checks[0].query: Prometheus refused"
                            + " the query: bad_data: "));
  }
}
