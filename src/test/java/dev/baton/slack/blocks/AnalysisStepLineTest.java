package dev.baton.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import org.junit.jupiter.api.Test;

class AnalysisStepLineTest {
  private static final String EVALUATION =
      "evaluation 2 of 10, failed 1 of 2 allowed, inconclusive 0: error-rate 0.023 ≥ 0.01";

  @Test
  void aWaitingAnalysisShowsItsLatestEvaluationInTheThread() {
    var line = new PromotionCard.StepLine(Step.ANALYSIS, StepRecord.Status.RETRYING, EVALUATION);
    assertThat(StepLines.line(line, null)).isEqualTo("🔁 metric analysis — " + EVALUATION);
  }

  @Test
  void aRunningEvaluationShowsItsLiveProgress() {
    var line = new PromotionCard.StepLine(Step.ANALYSIS, StepRecord.Status.STARTED, null);
    assertThat(StepLines.line(line, EVALUATION)).isEqualTo("⏳ metric analysis — " + EVALUATION);
  }
}
