package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cluster.TcpProxy;
import dev.baton.config.ConfigurationError;
import dev.baton.pipeline.analysis.CheckVerdict;
import dev.baton.pipeline.analysis.MetricEvaluation;
import dev.baton.pipeline.analysis.QueryTemplate;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.Metrics;
import dev.baton.testing.InjectedFaults.FaultKind;
import dev.baton.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Prometheus adapter against the real Prometheus of {@code scripts/test-services.sh}, scraping
 * an exporter this test controls every second, and through a proxy that injects 5xx answers, hangs
 * and cut answers. Skipped without {@code BATON_TEST_PROMETHEUS_URL} (a failure on CI).
 */
@Timeout(60)
class RealPrometheusTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RealPrometheus real;
  private MetricsExporter exporter;
  private String url;
  private TcpProxy proxy;
  private PrometheusClient prometheus;

  @BeforeEach
  void start() {
    real = RealPrometheus.start(0.004);
    exporter = real.exporter;
    url = real.url;
    prometheus = new PrometheusClient(url, null, HTTP, Duration.ofSeconds(5));
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

  private String ratio() {
    return "baton_test_error_ratio{run=\"" + exporter.run + "\"}";
  }

  private static MetricCheck check(String query, String when, MetricCheck.OnEmpty onEmpty) {
    return new MetricCheck("error-rate", query, SuccessCondition.parse(when), onEmpty);
  }

  @Test
  void aHealthyValuePassesItsCheck() throws Exception {
    real.awaitScraped(0.004);
    CheckVerdict v =
        MetricEvaluation.judge(
            check(ratio(), "< 0.01", MetricCheck.OnEmpty.WAIT), prometheus.query(ratio()));
    assertThat(v).isEqualTo(new CheckVerdict.Passed("error-rate 0.004 < 0.01"));
  }

  @Test
  void aBreachIsReportedWithTheValueAndTheSeriesLabels() throws Exception {
    exporter.set(0.023);
    real.awaitScraped(0.023);
    CheckVerdict v =
        MetricEvaluation.judge(
            check(ratio(), "< 0.01", MetricCheck.OnEmpty.WAIT), prometheus.query(ratio()));
    assertThat(v).isInstanceOf(CheckVerdict.Breached.class);
    assertThat(v.text())
        .startsWith("error-rate 0.023 ≥ 0.01 {app=\"credreg\"")
        .contains("run=\"" + exporter.run + "\"");
  }

  @Test
  void placeholdersAreRenderedIntoAQueryPrometheusEvaluates() throws Exception {
    real.awaitScraped(0.004);
    String query =
        "max(baton_test_error_ratio{app=\"{{app}}\",run=\"" + exporter.run + "\"}) * 100";
    var release =
        new dev.baton.pipeline.model.Release(
            "credreg", "v1", null, null, Map.of(), java.time.Instant.EPOCH, "ci");
    var env = dev.baton.testing.Builders.anEnvironment("prod").build();
    Metrics.Result r =
        prometheus.query(QueryTemplate.render(query, QueryTemplate.values(env, release)));
    assertThat(r).isInstanceOf(Metrics.Series.class);
    assertThat(((Metrics.Series) r).samples().get(0).value()).isEqualTo(0.4);
  }

  @Test
  void aQueryWithoutSeriesIsEmpty() {
    assertThat(prometheus.query("baton_test_error_ratio{run=\"nobody\"}"))
        .isEqualTo(new Metrics.Empty());
  }

  @Test
  void aScalarResultIsOneSeriesWithoutLabels() {
    assertThat(prometheus.query("scalar(vector(2)) * 3"))
        .isEqualTo(new Metrics.Series(List.of(new Metrics.Sample(Map.of(), 6))));
  }

  @Test
  void badPromqlIsAQueryErrorWithPrometheusOwnText() {
    Metrics.Result r = prometheus.query("sum(rate(http_requests_total[5m])");
    assertThat(r).isInstanceOf(Metrics.QueryError.class);
    assertThat(((Metrics.QueryError) r).message()).startsWith("bad_data: ").contains("parse error");
  }

  @Test
  void aRangeVectorIsRefusedAsACheckQuery() {
    Metrics.Result r = prometheus.query(ratio() + "[1m]");
    assertThat(r).isInstanceOf(Metrics.QueryError.class);
    assertThat(((Metrics.QueryError) r).message()).contains("matrix");
  }

  private PrometheusClient throughProxy(Duration timeout) {
    proxy = new TcpProxy(URI.create(url).getPort());
    return new PrometheusClient(
        "http://127.0.0.1:" + proxy.port(), PrometheusClient.bearer("tok-secret"), HTTP, timeout);
  }

  @Test
  void a5xxAnswerIsInconclusive() {
    PrometheusClient p = throughProxy(Duration.ofSeconds(5));
    proxy.inject(FaultKind.STATUS, 503, null, null, "/api/v1/query", 1);
    Metrics.Result r = p.query("vector(1)");
    assertThat(r).isInstanceOf(Metrics.Inconclusive.class);
    assertThat(((Metrics.Inconclusive) r).reason()).contains("HTTP 503");
    assertThat(p.query("vector(1)")).isInstanceOf(Metrics.Series.class); // healed: retried fine
  }

  @Test
  void anAnswerThatNeverComesIsInconclusiveAfterTheTimeout() {
    PrometheusClient p = throughProxy(Duration.ofSeconds(2));
    proxy.inject(FaultKind.HANG, 0, null, null, "/api/v1/query", 1);
    long start = System.nanoTime();
    Metrics.Result r = p.query("vector(1)");
    assertThat(r).isInstanceOf(Metrics.Inconclusive.class);
    assertThat(((Metrics.Inconclusive) r).reason()).contains("did not answer within 2 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aCutAnswerIsInconclusive() {
    PrometheusClient p = throughProxy(Duration.ofSeconds(5));
    proxy.inject(FaultKind.BREAK, 0, null, null, "/api/v1/query", 1);
    Metrics.Result r = p.query("vector(1)");
    assertThat(r).isInstanceOf(Metrics.Inconclusive.class);
    assertThat(((Metrics.Inconclusive) r).reason()).doesNotContain("tok-secret");
  }

  @Test
  void anUnreachablePrometheusIsInconclusiveNeverAPass() {
    PrometheusClient p = throughProxy(Duration.ofSeconds(5));
    proxy.cutAll(true);
    Metrics.Result r = p.query("vector(1)");
    assertThat(r).isInstanceOf(Metrics.Inconclusive.class);
    for (MetricCheck.OnEmpty onEmpty : MetricCheck.OnEmpty.values()) {
      assertThat(MetricEvaluation.judge(check("vector(1)", "> 0", onEmpty), r))
          .isInstanceOf(CheckVerdict.Unknown.class);
    }
  }

  @Test
  void theStartupDryEvaluationRefusesABadQueryNamingItsKey() {
    Pipeline p = TestWorld.credreg().pipeline();
    AnalysisPolicy analysis =
        new AnalysisPolicy(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            1,
            List.of(
                check("baton_test_error_ratio{app=\"{{app}}\"}", "< 1", MetricCheck.OnEmpty.WAIT),
                check("rate(x[5m]", "< 1", MetricCheck.OnEmpty.WAIT)),
            true,
            true);
    Pipeline withAnalysis =
        new Pipeline(
            p.environments().stream()
                .map(e -> e.name().equals("prod") ? e.withAnalysis(analysis) : e)
                .toList(),
            p.apps());
    Metrics metrics = new PrometheusMetrics(Map.of("prod", prometheus));

    assertThatThrownBy(() -> DryEvaluation.check(withAnalysis, metrics))
        .isInstanceOf(ConfigurationError.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationError) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "baton.environments.prod.analysis.checks[1].query: Prometheus refused the"
                            + " query: bad_data: ")
                    .contains("parse error"));
  }

  @Test
  void theStartupDryEvaluationOnlyWarnsWhenPrometheusDoesNotAnswer() {
    Pipeline p = TestWorld.credreg().pipeline();
    AnalysisPolicy analysis =
        new AnalysisPolicy(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            1,
            List.of(check("rate(x[5m]", "< 1", MetricCheck.OnEmpty.WAIT)),
            true,
            true);
    Pipeline withAnalysis =
        new Pipeline(
            p.environments().stream()
                .map(e -> e.name().equals("prod") ? e.withAnalysis(analysis) : e)
                .toList(),
            p.apps());
    PrometheusClient down = throughProxy(Duration.ofSeconds(2));
    proxy.cutAll(true);
    DryEvaluation.check(withAnalysis, new PrometheusMetrics(Map.of("prod", down)));
  }
}
