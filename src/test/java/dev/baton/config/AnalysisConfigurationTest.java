package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.SuccessCondition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisConfigurationTest {
  private static final String A = "baton.environments.sandbox.analysis.";

  private static Map<String, Object> withAnalysis(Map<String, Object> check) {
    Map<String, Object> p = new HashMap<>(ValidationCase.base());
    p.put(A + "prometheus.url", "http://127.0.0.1:9090");
    p.put(A + "prometheus.bearer-token", "s3cret-token");
    p.put(A + "interval", "30s");
    p.put(A + "duration", "5m");
    p.put(A + "failure-limit", 2);
    p.put(A + "checks", List.of(check));
    return p;
  }

  private static Map<String, Object> check(String... kv) {
    Map<String, Object> c = new HashMap<>();
    c.put("name", "error-rate");
    c.put("query", "sum(rate(http_requests_total{app=\"{{app}}\",code=~\"5..\"}[5m]))");
    c.put("success-when", "< 0.01");
    for (int i = 0; i < kv.length; i += 2) {
      c.put(kv[i], kv[i + 1]);
    }
    return c;
  }

  @Test
  void aWellFormedAnalysisBecomesTheEnvironmentsPolicy() {
    try (var ctx = ConfigContexts.run(withAnalysis(check("on-empty", "pass")))) {
      var a = ctx.getBean(Pipeline.class).env("sandbox").orElseThrow().analysis();
      assertThat(a.interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(a.duration()).isEqualTo(Duration.ofMinutes(5));
      assertThat(a.failureLimit()).isEqualTo(2);
      assertThat(a.evaluations()).isEqualTo(10);
      assertThat(a.postDeployAnalysis()).isTrue();
      assertThat(a.metricGatedBake()).isFalse();
      assertThat(a.checks())
          .containsExactly(
              new MetricCheck(
                  "error-rate",
                  "sum(rate(http_requests_total{app=\"{{app}}\",code=~\"5..\"}[5m]))",
                  SuccessCondition.parse("< 0.01"),
                  MetricCheck.OnEmpty.PASS));
      assertThat(ctx.getBean(Pipeline.class).env("prod").orElseThrow().analysis().checks())
          .isEmpty();
    }
  }

  @Test
  void aBadConditionIsRefusedNamingItsKey() {
    assertFails(check("success-when", "below 1%"), A + "checks[0].success-when", "not a condition");
  }

  @Test
  void anUnknownOnEmptyIsRefusedNamingItsKey() {
    assertFails(check("on-empty", "retry"), A + "checks[0].on-empty", "wait, pass, fail");
  }

  @Test
  void anUnknownPlaceholderIsRefusedNamingItsKey() {
    assertFails(
        check("query", "up{job=\"{{application}}\"} + {{digest.nope}}"),
        A + "checks[0].query",
        "unknown placeholder {{application}}, {{digest.nope}}");
  }

  @Test
  void aDigestPlaceholderOfAWorkloadEveryAppHasIsAccepted() {
    try (var ctx =
        ConfigContexts.run(withAnalysis(check("query", "x{image=~\".*{{digest.main-app}}\"}")))) {
      assertThat(ctx.getBean(Pipeline.class).env("sandbox").orElseThrow().analysis().checks())
          .hasSize(1);
    }
  }

  @Test
  void checksWithoutAPrometheusUrlAreRefused() {
    Map<String, Object> p = withAnalysis(check());
    p.remove(A + "prometheus.url");
    assertFailsWith(p, A + "prometheus.url", "is required");
  }

  @Test
  void anUnknownAnalysisKeyIsRefusedWithASuggestion() {
    Map<String, Object> p = withAnalysis(check());
    p.put(A + "failure-limt", 3);
    assertFailsWith(p, A + "failure-limt", "did you mean failure-limit?");
  }

  @Test
  void anUnknownKeyInACheckIsRefused() {
    assertFailsWith(
        withAnalysis(check("succes-when", "< 1")), A + "checks", "'succes-when' in a metric check");
  }

  @Test
  void bakeTrueMakesPromotionsOutOfTheEnvironmentMetricGated() {
    Map<String, Object> p = withAnalysis(check());
    p.put(A + "bake", true);
    p.put(A + "post-deploy", false);
    try (var ctx = ConfigContexts.run(p)) {
      var a = ctx.getBean(Pipeline.class).env("sandbox").orElseThrow().analysis();
      assertThat(a.metricGatedBake()).isTrue();
      assertThat(a.postDeployAnalysis()).isFalse();
    }
  }

  @Test
  void bakeTrueWithoutChecksIsRefused() {
    Map<String, Object> p = new HashMap<>(ValidationCase.base());
    p.put(A + "bake", true);
    assertFailsWith(p, A + "bake", "needs checks");
  }

  @Test
  void aBadIntervalIsRefusedNamingItsKey() {
    Map<String, Object> p = withAnalysis(check());
    p.put(A + "interval", "soon");
    assertFailsWith(p, A + "interval", "is not a duration");
  }

  @Test
  void theBearerTokenNeverAppearsInAnError() {
    Map<String, Object> p = withAnalysis(check("success-when", "??"));
    assertThatThrownBy(() -> ConfigContexts.run(p).close())
        .satisfies(e -> assertThat(rootMessage(e)).doesNotContain("s3cret-token"));
  }

  private static void assertFails(Map<String, Object> check, String key, String says) {
    assertFailsWith(withAnalysis(check), key, says);
  }

  private static void assertFailsWith(Map<String, Object> props, String key, String says) {
    assertThatThrownBy(() -> ConfigContexts.run(props).close())
        .satisfies(
            e ->
                assertThat(rootMessage(e).lines())
                    .anySatisfy(l -> assertThat(l).contains(key).contains(says)));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof ConfigurationError)) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
