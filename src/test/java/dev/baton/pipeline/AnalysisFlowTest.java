package dev.baton.pipeline;

import static dev.baton.fakes.FakeMetrics.outage;
import static dev.baton.fakes.FakeMetrics.value;
import static dev.baton.fakes.Fixtures.DEPLOYER;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.MetricCheck.OnEmpty;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The post-deploy analysis step in sandbox: three evaluations one minute apart, failing at the
 * second failed one, on the fake Prometheus. Each run of the step is one evaluation; between them
 * the promotion waits for its wake-up, never a sleeping thread.
 */
class AnalysisFlowTest {
  private static final String QUERY =
      "sum(rate(http_requests_total{app=\"{{app}}\",namespace=\"{{namespace}}\",code=~\"5..\"}[5m]))"
          + " / sum(rate(http_requests_total{app=\"{{app}}\",version=\"{{release}}\"}[5m]))";

  private static AnalysisPolicy analysis(OnEmpty onEmpty) {
    return new AnalysisPolicy(
        Duration.ofMinutes(1),
        Duration.ofMinutes(3),
        2,
        List.of(new MetricCheck("error-rate", QUERY, SuccessCondition.parse("< 0.01"), onEmpty)),
        true,
        false);
  }

  private static TestPipeline sandboxWith(AnalysisPolicy a) {
    Pipeline p = TestWorld.credreg().pipeline();
    Pipeline withAnalysis =
        new Pipeline(
            p.environments().stream()
                .map(e -> e.name().equals("sandbox") ? e.withAnalysis(a) : e)
                .toList(),
            p.apps());
    return new TestPipeline(withAnalysis, new InMemoryPipelineStore());
  }

  /** Requests build 1 into sandbox and lets its bake in test pass: the first evaluation runs. */
  private static Promotion promoteToSandbox(TestPipeline t) {
    t.registerBuild(1);
    Promotion p = t.core().promotions().request("credreg", "sandbox", null, DEPLOYER).promotion();
    t.advance(Duration.ofMinutes(30));
    return p;
  }

  private static Promotion now(TestPipeline t, Promotion p) {
    return promotion(t.store, p.id());
  }

  private static List<String> analysisLines(TestPipeline t) {
    return t.chat.events().stream()
        .filter(e -> e instanceof PipelineEvent.StepChanged s && s.step() == Step.ANALYSIS)
        .map(e -> ((PipelineEvent.StepChanged) e).message())
        .filter(m -> m.startsWith("evaluation"))
        .toList();
  }

  @Test
  void healthyMetricsPassAfterEveryPlannedEvaluationAndTheReleaseIsRecorded() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.004));
    Promotion p = promoteToSandbox(t);

    assertThat(now(t, p).state()).isEqualTo(PromotionState.RUNNING);
    assertThat(now(t, p).step()).isEqualTo(Step.ANALYSIS);
    t.advance(Duration.ofMinutes(1));
    assertThat(now(t, p).state()).isEqualTo(PromotionState.RUNNING);
    t.advance(Duration.ofMinutes(1));

    assertThat(now(t, p).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(currentTag(t.store, "sandbox")).isEqualTo(p.releaseTag());
    assertThat(t.metrics.queries()).hasSize(3);
  }

  @Test
  void theThreadShowsEachEvaluationsValueLive() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.004), value(0.023), value(0.002));
    Promotion p = promoteToSandbox(t);
    t.advance(Duration.ofMinutes(1));
    t.advance(Duration.ofMinutes(1));

    assertThat(analysisLines(t))
        .containsExactly(
            "evaluation 1 of 3, failed 0 of 1 allowed, inconclusive 0: error-rate 0.004 < 0.01",
            "evaluation 2 of 3, failed 1 of 1 allowed, inconclusive 0: error-rate 0.023 ≥ 0.01",
            "evaluation 3 of 3, failed 1 of 1 allowed, inconclusive 0: error-rate 0.002 < 0.01");
    assertThat(now(t, p).state()).isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void placeholdersAreFilledWithTheAppNamespaceAndRelease() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0));
    Promotion p = promoteToSandbox(t);

    assertThat(t.metrics.queries().get(0))
        .isEqualTo(
            "sandbox: sum(rate(http_requests_total{app=\"credreg\",namespace=\"credreg-sandbox\","
                + "code=~\"5..\"}[5m])) / sum(rate(http_requests_total{app=\"credreg\",version=\""
                + p.releaseTag()
                + "\"}[5m]))");
  }

  @Test
  void theAnalysisFailsAtTheFailureLimitAndTheInventoryStaysAsItWas() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.02));
    Promotion p = promoteToSandbox(t);
    assertThat(now(t, p).state()).isEqualTo(PromotionState.RUNNING);
    t.advance(Duration.ofMinutes(1));

    Promotion failed = now(t, p);
    assertThat(failed.state()).isEqualTo(PromotionState.FAILED);
    assertThat(failed.failedStep()).isEqualTo(Step.ANALYSIS);
    assertThat(failed.reason())
        .contains("metric analysis failed in 2 of 2 evaluations; last: error-rate 0.02 ≥ 0.01");
    assertThat(currentTag(t.store, "sandbox")).isNull();
    assertThat(t.metrics.queries()).hasSize(2);
  }

  @Test
  void aPrometheusOutageIsNeverAPass() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.PASS));
    t.metrics.answer(outage());
    Promotion p = promoteToSandbox(t);
    t.advance(Duration.ofMinutes(1));
    t.advance(Duration.ofMinutes(1));

    Promotion failed = now(t, p);
    assertThat(failed.state()).isEqualTo(PromotionState.FAILED);
    assertThat(failed.reason()).contains("health unknown: only 0 of 3 evaluations passed");
    assertThat(analysisLines(t).get(0))
        .isEqualTo(
            "evaluation 1 of 3, failed 0 of 1 allowed, inconclusive 1: error-rate: inconclusive,"
                + " Prometheus did not answer (connection refused)");
    assertThat(currentTag(t.store, "sandbox")).isNull();
  }

  @Test
  void aShortOutageIsRetriedAndTheMajorityOfPassesCarriesTheAnalysis() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.001), outage(), value(0.001));
    Promotion p = promoteToSandbox(t);
    t.advance(Duration.ofMinutes(1));
    t.advance(Duration.ofMinutes(1));

    assertThat(now(t, p).state()).isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void anEmptyResultWithOnEmptyPassPasses() {
    assertThat(runWithEmptyResult(OnEmpty.PASS).state()).isEqualTo(PromotionState.SUCCEEDED);
  }

  @Test
  void anEmptyResultWithOnEmptyFailFailsAtTheLimit() {
    Promotion p = runWithEmptyResult(OnEmpty.FAIL);
    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason()).contains("error-rate: no series (on-empty: fail)");
  }

  @Test
  void anEmptyResultWithOnEmptyWaitIsInconclusiveAndNeverPasses() {
    Promotion p = runWithEmptyResult(OnEmpty.WAIT);
    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason()).contains("health unknown");
  }

  private static Promotion runWithEmptyResult(OnEmpty onEmpty) {
    TestPipeline t = sandboxWith(analysis(onEmpty));
    t.metrics.answer(new Metrics.Empty());
    Promotion p = promoteToSandbox(t);
    t.advance(Duration.ofMinutes(1));
    t.advance(Duration.ofMinutes(1));
    return now(t, p);
  }

  @Test
  void aQueryPrometheusRefusesFailsTheAnalysisAtOnceWithItsText() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(new Metrics.QueryError("1:14: parse error: unexpected \"}\""));
    Promotion p = promoteToSandbox(t);

    assertThat(now(t, p).state()).isEqualTo(PromotionState.FAILED);
    assertThat(now(t, p).reason()).contains("parse error: unexpected \"}\"");
    assertThat(t.metrics.queries()).hasSize(1);
  }

  @Test
  void anEnvironmentWithoutAnalysisSkipsTheStep() {
    TestPipeline t = sandboxWith(AnalysisPolicy.NONE);
    Promotion p = promoteToSandbox(t);
    assertThat(now(t, p).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(t.metrics.queries()).isEmpty();
  }

  @Test
  void aRestartedRunnerCarriesOnCountingWhereThePreviousOneStopped() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.02), value(0.001), value(0.02));
    Promotion p = promoteToSandbox(t);
    t.restart();
    t.advance(Duration.ofMinutes(1));
    t.advance(Duration.ofMinutes(1));

    // one failure before the restart, one after it: the limit of 2 is reached
    assertThat(now(t, p).state()).isEqualTo(PromotionState.FAILED);
    assertThat(now(t, p).reason()).contains("failed in 2 of 3 evaluations");
  }

  @Test
  void aRunnerResumedBeforeTheIntervalWaitsItOutSoRestartsNeverShortenTheAnalysis() {
    TestPipeline t = sandboxWith(analysis(OnEmpty.WAIT));
    t.metrics.answer(value(0.004));
    Promotion p = promoteToSandbox(t);
    for (int i = 0; i < 3; i++) {
      t.restart();
      t.core().sweeper().sweep(); // resumes the step at once, as after a crash
    }
    assertThat(t.metrics.queries()).as("one evaluation so far").hasSize(1);
    assertThat(now(t, p).state()).isEqualTo(PromotionState.RUNNING);

    t.advance(Duration.ofSeconds(59));
    t.restart();
    t.core().sweeper().sweep();
    assertThat(t.metrics.queries()).hasSize(1);
    t.advance(Duration.ofSeconds(1));
    assertThat(t.metrics.queries()).as("the second, an interval after the first").hasSize(2);
    t.advance(Duration.ofMinutes(1));
    assertThat(now(t, p).state()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(t.metrics.queries()).hasSize(3);
  }
}
