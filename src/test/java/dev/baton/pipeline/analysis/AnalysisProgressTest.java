package dev.baton.pipeline.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import org.junit.jupiter.api.Test;

class AnalysisProgressTest {
  @Test
  void theCountsSurviveTheirOwnDetailText() {
    AnalysisProgress p =
        AnalysisProgress.START
            .after(new Evaluation(Evaluation.Kind.PASSED, "a"))
            .after(new Evaluation(Evaluation.Kind.FAILED, "b"))
            .after(new Evaluation(Evaluation.Kind.INCONCLUSIVE, "c"));
    String detail = p.detail(10, 3, "error-rate 0.02 ≥ 0.01\nsecond line");
    assertThat(detail)
        .startsWith("evaluation 3 of 10, failed 1 of 2 allowed, inconclusive 1: error-rate");
    assertThat(AnalysisProgress.parse(detail)).contains(new AnalysisProgress(3, 1, 1));
    assertThat(p.passed()).isEqualTo(1);
  }

  @Test
  void otherDetailsCarryNoProgress() {
    assertThat(AnalysisProgress.parse("started")).isEmpty();
    assertThat(AnalysisProgress.parse(null)).isEmpty();
  }
}
