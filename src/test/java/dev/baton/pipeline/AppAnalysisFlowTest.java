package dev.baton.pipeline;

import static dev.baton.fakes.FakeMetrics.value;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.TestPipeline;
import dev.baton.fakes.TwoApps;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.view.BakeHealthView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two apps through sandbox, whose analysis checks the error rate with a metric-gated bake; billing
 * configures its own analysis there ({@code baton.apps.billing.analysis.sandbox}). The post-deploy
 * analysis and the bake watcher evaluate each app's own checks, on the fake Prometheus answering
 * each query by its metric.
 */
class AppAnalysisFlowTest {
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final String ERRORS = "errors{app=\"{{app}}\",version=\"{{release}}\"}";
  static final String QUEUE = "queue_depth{app=\"{{app}}\"}";

  static AnalysisPolicy analysis(String name, String query, String condition) {
    return new AnalysisPolicy(
        INTERVAL,
        Duration.ofMinutes(2),
        1,
        List.of(
            new MetricCheck(
                name, query, SuccessCondition.parse(condition), MetricCheck.OnEmpty.WAIT)),
        true,
        true);
  }

  static final AnalysisPolicy SANDBOX = analysis("error-rate", ERRORS, "< 0.01");

  static TestPipeline world(AnalysisPolicy billingInSandbox) {
    return TwoApps.world(SANDBOX, billingInSandbox);
  }

  static List<Promotion> bothToSandbox(TestPipeline t) {
    return TwoApps.bothToSandbox(t);
  }

  static List<String> queriesFor(TestPipeline t, String app) {
    return t.metrics.queries().stream().filter(q -> q.contains("app=\"" + app + "\"")).toList();
  }

  @Test
  void thePostDeployAnalysisEvaluatesEachAppsOwnChecks() {
    TestPipeline t = world(analysis("queue-depth", QUEUE, "< 100"));
    t.metrics.answerTo("errors{", value(0.002));
    t.metrics.answerTo("queue_depth{", value(250));

    List<Promotion> ps = bothToSandbox(t);
    t.advance(INTERVAL);
    t.advance(INTERVAL);

    Promotion credreg = promotion(t.store, ps.get(0).id());
    Promotion billing = promotion(t.store, ps.get(1).id());
    assertThat(credreg.state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(billing.state()).isIn(PromotionState.FAILED, PromotionState.ROLLED_BACK);
    assertThat(billing.failedStep()).isEqualTo(Step.ANALYSIS);
    assertThat(billing.reason()).contains("queue-depth 250 ≥ 100");
    assertThat(queriesFor(t, "billing"))
        .isNotEmpty()
        .allSatisfy(q -> assertThat(q).isEqualTo("sandbox: queue_depth{app=\"billing\"}"));
    assertThat(queriesFor(t, "credreg"))
        .hasSize(2)
        .allSatisfy(q -> assertThat(q).startsWith("sandbox: errors{app=\"credreg\""));
  }

  @Test
  void noChecksForAnAppMeanNoAnalysisStepAndNoMetricGateForIt() {
    TestPipeline t = world(AnalysisPolicy.NONE);
    t.metrics.answerTo("errors{", value(0.002));

    List<Promotion> ps = bothToSandbox(t);
    Promotion billing = promotion(t.store, ps.get(1).id());
    assertThat(billing.state()).as("no analysis to wait for").isEqualTo(PromotionState.SUCCEEDED);
    t.advance(INTERVAL);
    t.core().bakes().watch();
    t.advance(INTERVAL);
    t.core().bakes().watch();

    assertThat(queriesFor(t, "billing")).isEmpty();
    assertThat(
            t.store.<java.util.Optional<BakeHealth>>read(
                r -> r.bakeHealth("billing", "sandbox", billing.releaseTag())))
        .isEmpty();
    assertThat(
            t.store.<java.util.Optional<BakeHealth>>read(
                r -> r.bakeHealth("credreg", "sandbox", ps.get(0).releaseTag())))
        .isPresent();
    PipelineQueries.AppState state = t.core().queries().appState("billing");
    BakeHealthView health =
        state.environments().stream()
            .filter(e -> e.env().equals("sandbox"))
            .findFirst()
            .orElseThrow()
            .bakeHealthForNext();
    assertThat(health).as("no metric gate shown for billing").isNull();
  }

  @Test
  void theBakeWatcherBreachesOnlyTheAppWhoseOwnChecksFail() {
    TestPipeline t = world(analysis("queue-depth", QUEUE, "< 100"));
    t.metrics.answerTo("errors{", value(0.002));
    t.metrics.answerTo("queue_depth{", value(3));
    bothToSandbox(t);
    t.advance(INTERVAL);
    t.advance(INTERVAL);

    t.metrics.answerTo("queue_depth{", value(500));
    for (int i = 0; i < 3; i++) {
      t.advance(INTERVAL);
      t.core().bakes().watch();
    }

    List<PipelineEvent.BakeBreached> breaches =
        t.chat.events().stream()
            .filter(PipelineEvent.BakeBreached.class::isInstance)
            .map(PipelineEvent.BakeBreached.class::cast)
            .toList();
    assertThat(breaches).hasSize(1);
    assertThat(breaches.get(0).app()).isEqualTo("billing");
    assertThat(breaches.get(0).breach()).isEqualTo("queue-depth 500 ≥ 100");
    assertThat(queriesFor(t, "billing")).noneMatch(q -> q.contains("errors{"));
    assertThat(queriesFor(t, "credreg")).noneMatch(q -> q.contains("queue_depth{"));
  }
}
