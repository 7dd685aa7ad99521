package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Metrics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code baton.apps.<app>.analysis.<env>}: an app's own metric analysis, read through Micronaut's
 * YAML loader as operators write it, merged with the environment's and refused when wrong.
 */
class AppAnalysisConfigurationTest {
  /** Two apps through test → sandbox → prod; sandbox has an error-rate check and a gated bake. */
  private static final String BASE =
      """
      baton:
        chain: [test, sandbox, prod]
        environments:
          test: {policy: {auto-deploy: true}}
          sandbox:
            analysis:
              prometheus: {url: "http://127.0.0.1:9090", bearer-token: s3cret-token}
              interval: 30s
              duration: 5m
              failure-limit: 2
              bake: true
              checks:
                - {name: error-rate, query: 'errors{app="{{app}}"}', success-when: "< 0.01"}
          prod: {policy: {minimum-bake: 24h}}
        apps:
          credreg:
            workloads: {web: {container: app, repository: credreg/web}}
          billing:
            workloads:
              api: {container: api, repository: billing/api}
              batch: {container: batch, repository: billing/batch}
      """;

  @Test
  void anOverrideReplacesTheChecksAndInheritsWhatItLeavesOut() {
    String yaml =
        billing(
            """
                analysis:
                  sandbox:
                    failure-limit: 4
                    checks:
                      - name: queue-depth
                        query: 'queue{digest="{{digest.batch}}"}'
                        success-when: "<= 100"
                        on-empty: pass
            """);
    try (var ctx = run(yaml)) {
      Pipeline p = ctx.getBean(Pipeline.class);
      AnalysisPolicy billing = p.analysisFor("billing", "sandbox");
      assertThat(billing.checks()).extracting(MetricCheck::name).containsExactly("queue-depth");
      assertThat(billing.checks().get(0).onEmpty()).isEqualTo(MetricCheck.OnEmpty.PASS);
      assertThat(billing.failureLimit()).isEqualTo(4);
      assertThat(billing.interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(billing.duration()).isEqualTo(Duration.ofMinutes(5));
      assertThat(billing.metricGatedBake()).isTrue();
      assertThat(p.analysisFor("credreg", "sandbox")).isEqualTo(p.env("sandbox").get().analysis());
      assertThat(p.analysisFor("credreg", "sandbox").checks())
          .extracting(MetricCheck::name)
          .containsExactly("error-rate");
      assertThat(p.analysisFor("billing", "prod")).isEqualTo(AnalysisPolicy.NONE);
    }
  }

  @Test
  void emptyChecksMeanNoAnalysisAndNoGatedBakeForThatAppThere() {
    String yaml =
        billing(
            """
                analysis:
                  sandbox: {checks: []}
            """);
    try (var ctx = run(yaml)) {
      Pipeline p = ctx.getBean(Pipeline.class);
      assertThat(p.analysisFor("billing", "sandbox")).isEqualTo(AnalysisPolicy.NONE);
      assertThat(p.analysisFor("credreg", "sandbox").metricGatedBake()).isTrue();
    }
  }

  @Test
  void anOverrideWithoutChecksKeepsTheEnvironmentsChecksWithItsOwnSettings() {
    String yaml =
        billing(
            """
                analysis:
                  sandbox: {post-deploy: false, bake: false}
            """);
    try (var ctx = run(yaml)) {
      AnalysisPolicy billing = ctx.getBean(Pipeline.class).analysisFor("billing", "sandbox");
      assertThat(billing.checks()).extracting(MetricCheck::name).containsExactly("error-rate");
      assertThat(billing.postDeployAnalysis()).isFalse();
      assertThat(billing.metricGatedBake()).isFalse();
    }
  }

  @Test
  void anAppsChecksInAnEnvironmentWithoutChecksOfItsOwnUseThatEnvironmentsPrometheus() {
    String yaml =
        BASE.replace(
                "prod: {policy: {minimum-bake: 24h}}",
                "prod: {policy: {minimum-bake: 24h}, analysis: {prometheus: {url: \"http://127.0.0.1:1\"}}}")
            + billingOnly(
                """
                analysis:
                  prod:
                    checks: [{name: q, query: 'queue{app="{{app}}"}', success-when: "< 1"}]
                """);
    try (var ctx = run(yaml)) {
      Pipeline p = ctx.getBean(Pipeline.class);
      assertThat(p.analysisFor("billing", "prod").postDeployAnalysis()).isTrue();
      assertThat(p.analysisFor("credreg", "prod")).isEqualTo(AnalysisPolicy.NONE);
      Metrics.Result r = ctx.getBean(Metrics.class).query("prod", "up");
      assertThat(r).isInstanceOf(Metrics.Inconclusive.class);
      assertThat(((Metrics.Inconclusive) r).reason())
          .as("a client for prod was made, nothing listens there")
          .doesNotContain("no Prometheus is configured");
    }
  }

  @Test
  void theEnvironmentsPrometheusUrlIsCheckedWhenOnlyAnAppHasChecksThere() {
    assertFails(
        BASE.replace(
                "prod: {policy: {minimum-bake: 24h}}",
                "prod: {policy: {minimum-bake: 24h}, analysis: {prometheus: {url: \"ftp://x\"}}}")
            + billingOnly(
                """
                analysis:
                  prod:
                    checks: [{name: q, query: 'queue', success-when: "< 1"}]
                """),
        "baton.environments.prod.analysis.prometheus.url",
        "must be an http or https URL");
  }

  @Test
  void anOverrideOfAnEnvironmentOutsideTheChainIsRefused() {
    assertFails(
        billing(
            """
                analysis:
                  staging: {checks: []}
            """),
        "baton.apps.billing.analysis.staging",
        "not an environment of the chain");
  }

  @Test
  void aBadConditionInAnOverrideIsRefusedNamingItsKey() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox:
                    checks: [{name: q, query: 'queue', success-when: "about 3"}]
            """),
        "baton.apps.billing.analysis.sandbox.checks[0].success-when",
        "not a condition");
  }

  @Test
  void aPlaceholderOfAnotherAppsWorkloadIsRefusedInAnOverride() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox:
                    checks: [{name: q, query: 'x{d="{{digest.web}}"}', success-when: "< 1"}]
            """),
        "baton.apps.billing.analysis.sandbox.checks[0].query",
        "unknown placeholder {{digest.web}}");
  }

  @Test
  void checksInAnEnvironmentWithoutPrometheusAreRefusedNamingTheMissingKey() {
    assertFails(
        billing(
            """
                analysis:
                  prod:
                    checks: [{name: q, query: 'queue', success-when: "< 1"}]
            """),
        "baton.apps.billing.analysis.prod.checks",
        "baton.environments.prod.analysis.prometheus.url");
  }

  @Test
  void aMisspeltOverrideKeyIsRefusedWithASuggestion() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox: {failure-limt: 3}
            """),
        "baton.apps.billing.analysis.sandbox.failure-limt",
        "did you mean failure-limit?");
  }

  @Test
  void aMisspeltKeyInAnOverridesCheckIsRefused() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox:
                    checks: [{name: q, query: 'queue', succes-when: "< 1"}]
            """),
        "baton.apps.billing.analysis.sandbox.checks",
        "'succes-when' in a metric check");
  }

  @Test
  void anOverrideCannotBringItsOwnPrometheus() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox: {prometheus: {url: "http://other:9090"}}
            """),
        "baton.apps.billing.analysis.sandbox.prometheus.url",
        "Prometheus of baton.environments.sandbox.analysis.prometheus");
  }

  @Test
  void aBadValueInAnOverrideIsRefusedNamingItsKey() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox: {interval: soon, failure-limit: 0}
            """),
        "baton.apps.billing.analysis.sandbox.interval",
        "is not a duration");
    assertFails(
        billing(
            """
                analysis:
                  sandbox: {failure-limit: 0}
            """),
        "baton.apps.billing.analysis.sandbox.failure-limit",
        "must be at least 1");
  }

  @Test
  void bakeTrueWithEmptyChecksIsRefused() {
    assertFails(
        billing(
            """
                analysis:
                  sandbox: {checks: [], bake: true}
            """),
        "baton.apps.billing.analysis.sandbox.bake",
        "needs checks");
  }

  /** The base configuration with {@code yaml} added under {@code baton.apps.billing}. */
  private static String billing(String yaml) {
    return BASE + billingOnly(yaml);
  }

  /** {@code yaml} indented to sit under {@code baton.apps.billing} at the end of the base. */
  private static String billingOnly(String yaml) {
    int common =
        yaml.lines()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return yaml.lines()
        .map(l -> l.isBlank() ? l : "      " + l.substring(common))
        .map(l -> l + "\n")
        .reduce("", String::concat);
  }

  static ApplicationContext run(String yaml) {
    try {
      Map<String, Object> props =
          new YamlPropertySourceLoader()
              .read(
                  "app-analysis", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
      return ConfigContexts.run(PropertySource.of("app-analysis", props));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertFails(String yaml, String key, String says) {
    assertThatThrownBy(() -> run(yaml).close())
        .satisfies(
            e -> {
              String m = rootMessage(e);
              assertThat(m).doesNotContain("s3cret-token");
              assertThat(m.lines()).anySatisfy(l -> assertThat(l).contains(key).contains(says));
            });
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof ConfigurationError)) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
