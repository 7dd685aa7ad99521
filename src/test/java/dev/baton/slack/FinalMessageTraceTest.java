package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.Principals;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.PromotionMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The thread's final message names the promotion's trace, when it is traced. */
class FinalMessageTraceTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7";

  private static String message(PromotionState state, String trace) {
    Promotion p = ReadModelTextTest.promotion(state, "UREQUESTER").withTrace(trace);
    ApprovalStatus none =
        new ApprovalStatus(0, 0, List.of(), new Principals(Set.of(), Set.of()), true);
    PromotionCard card =
        new PromotionCard(
            p,
            null,
            true,
            none,
            Bake.of(ReadModelTextTest.NOW, Duration.ZERO, ReadModelTextTest.NOW),
            null,
            List.of(),
            null,
            false,
            false,
            null,
            null,
            null,
            ReadModelTextTest.NOW);
    return String.valueOf(PromotionMessage.build(card).blocks());
  }

  @ParameterizedTest
  @CsvSource({"SUCCEEDED", "FAILED", "ROLLED_BACK", "REJECTED"})
  void theFinalMessageOfATracedPromotionShowsItsTraceId(PromotionState end) {
    assertThat(message(end, TRACE)).contains("trace `4bf92f3577b34da6a3ce929d0e0e4736`");
  }

  @ParameterizedTest
  @CsvSource({"RUNNING, " + TRACE, "SUCCEEDED, "})
  void noTraceLineWhileItRunsOrWhenTracingIsOff(PromotionState state, String trace) {
    assertThat(message(state, trace)).doesNotContain("trace `");
  }
}
