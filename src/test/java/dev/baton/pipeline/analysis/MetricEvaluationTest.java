package dev.baton.pipeline.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.MetricCheck.OnEmpty;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.Metrics.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricEvaluationTest {
  private static MetricCheck errorRate(OnEmpty onEmpty) {
    return new MetricCheck("error-rate", "q", SuccessCondition.parse("< 0.01"), onEmpty);
  }

  private static Metrics.Series series(double... values) {
    return new Metrics.Series(
        java.util.Arrays.stream(values)
            .mapToObj(v -> new Sample(Map.of("pod", "p" + (int) (v * 1000)), v))
            .toList());
  }

  @Test
  void everySeriesWithinTheConditionPasses() {
    CheckVerdict v = MetricEvaluation.judge(errorRate(OnEmpty.WAIT), series(0.001, 0.004));
    assertThat(v).isEqualTo(new CheckVerdict.Passed("error-rate 0.001, 0.004 < 0.01"));
  }

  @Test
  void oneSeriesOutsideTheConditionBreachesAndIsNamed() {
    CheckVerdict v = MetricEvaluation.judge(errorRate(OnEmpty.WAIT), series(0.001, 0.023));
    assertThat(v).isEqualTo(new CheckVerdict.Breached("error-rate 0.023 ≥ 0.01 {pod=\"p23\"}"));
  }

  @Test
  void severalBreachingSeriesAreCounted() {
    CheckVerdict v = MetricEvaluation.judge(errorRate(OnEmpty.WAIT), series(0.02, 0.03, 0.001));
    assertThat(v.text()).endsWith("(2 of 3 series)");
  }

  @ParameterizedTest(name = "no series with on-empty {0} is {1}")
  @CsvSource({"WAIT, Unknown", "PASS, Passed", "FAIL, Breached"})
  void anEmptyResultMeansWhatOnEmptySays(OnEmpty onEmpty, String verdict) {
    CheckVerdict v = MetricEvaluation.judge(errorRate(onEmpty), new Metrics.Empty());
    assertThat(v.getClass().getSimpleName()).isEqualTo(verdict);
  }

  @Test
  void noAnswerIsUnknownNeverAPass() {
    for (OnEmpty onEmpty : OnEmpty.values()) {
      CheckVerdict v =
          MetricEvaluation.judge(errorRate(onEmpty), new Metrics.Inconclusive("HTTP 503"));
      assertThat(v).isEqualTo(new CheckVerdict.Unknown("error-rate: inconclusive, HTTP 503"));
    }
  }

  @Test
  void aRefusedQueryIsBrokenWithPrometheusText() {
    CheckVerdict v =
        MetricEvaluation.judge(
            errorRate(OnEmpty.PASS), new Metrics.QueryError("parse error: unexpected \"}\""));
    assertThat(v).isInstanceOf(CheckVerdict.Broken.class);
    assertThat(v.text()).contains("parse error: unexpected \"}\"");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "'P,P', PASSED",
    "'P,U', INCONCLUSIVE",
    "'U,F', FAILED",
    "'F,B', BROKEN",
    "'B,P', BROKEN",
  })
  void anEvaluationIsAsBadAsItsWorstCheck(String verdicts, Evaluation.Kind kind) {
    List<CheckVerdict> list =
        java.util.Arrays.stream(verdicts.split(","))
            .map(
                s ->
                    switch (s) {
                      case "P" -> (CheckVerdict) new CheckVerdict.Passed("p");
                      case "U" -> new CheckVerdict.Unknown("u");
                      case "F" -> new CheckVerdict.Breached("f");
                      default -> new CheckVerdict.Broken("b");
                    })
            .toList();
    Evaluation e = MetricEvaluation.evaluate(list);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.text()).contains(" · ");
  }
}
