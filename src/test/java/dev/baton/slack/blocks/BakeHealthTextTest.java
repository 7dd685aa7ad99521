package dev.baton.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.view.Bake;
import dev.baton.pipeline.view.BakeHealthView;
import dev.baton.pipeline.view.BakeHealthView.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The words of the metric-gated bake in Slack: the breach reply, the request and App Home. */
class BakeHealthTextTest {
  static final Duration DAY = Duration.ofHours(24);
  static final Instant AT = Instant.parse("2026-12-01T14:02:00Z");

  @Test
  void theBreachReplySaysWhatBreachedWhenAndWhatItBlocks() {
    String text =
        BakeBreachNotice.of(
            new PipelineEvent.BakeBreached(
                "credreg", "sandbox", "v1", "prod", "error-rate 0.023 ≥ 0.01", AT, DAY));
    assertThat(text)
        .isEqualTo(
            ":warning: error-rate 0.023 ≥ 0.01 in *sandbox* at "
                + Text.date(AT)
                + " — promotion to *prod* blocked until it holds for 24h again");
  }

  @Test
  void theRequestShowsHeldForXOfYBesideTheBakeTime() {
    BakeHealthView held = new BakeHealthView(State.HOLDING, Duration.ofHours(18), DAY, AT);
    Bake aged = new Bake(DAY, DAY, Duration.ZERO, held);
    assertThat(aged.complete()).isFalse();
    assertThat(ApprovalLines.bake(aged, "sandbox"))
        .isEqualTo("baked 1d 0h in sandbox — *checks held for 18h 0m of 1d 0h*");
    Bake young = new Bake(DAY, Duration.ofHours(20), Duration.ofHours(4), held);
    assertThat(ApprovalLines.bake(young, "sandbox"))
        .isEqualTo("20h 0m of 1d 0h in sandbox — *4h 0m left* · checks held for 18h 0m of 1d 0h");
    Bake done = new Bake(DAY, DAY, Duration.ZERO, new BakeHealthView(State.HOLDING, DAY, DAY, AT));
    assertThat(ApprovalLines.bake(done, "sandbox"))
        .isEqualTo("✅ baked 1d 0h in sandbox · checks held for 1d 0h of 1d 0h");
  }

  @Test
  void appHomeSaysDoneOnlyWhenTheChecksHeldToo() {
    assertThat(HomeView.bakeLeft(Duration.ZERO, null)).isEqualTo("✅ done");
    assertThat(
            HomeView.bakeLeft(
                Duration.ZERO, new BakeHealthView(State.UNKNOWN, Duration.ofHours(3), DAY, AT)))
        .isEqualTo("checks held for 3h 0m of 1d 0h, health unknown now (no recent answer)");
    assertThat(
            HomeView.bakeLeft(
                Duration.ofHours(2),
                new BakeHealthView(State.NOT_EVALUATED, Duration.ZERO, DAY, null)))
        .isEqualTo("2h 0m left, checks not evaluated yet (0s of 1d 0h)");
    assertThat(HomeView.bakeLeft(Duration.ZERO, new BakeHealthView(State.HOLDING, DAY, DAY, AT)))
        .isEqualTo("✅ done, checks held for 1d 0h of 1d 0h");
  }
}
