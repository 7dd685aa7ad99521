package dev.baton.slack.blocks;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;

/**
 * The reply in a release's thread when its checks start to breach in a metric-gated source link:
 * what breached, when, and what it blocks. Posted once per breach.
 */
public final class BakeBreachNotice {
  /** Leaves room in a message for the rest of the notice. */
  private static final int BREACH_MAX = 2000;

  private BakeBreachNotice() {}

  /**
   * ":warning: error-rate 0.023 ≥ 0.01 in sandbox at 14:02 — promotion to prod blocked until it
   * holds for 24h again".
   */
  public static String of(PipelineEvent.BakeBreached b) {
    return ":warning: "
        + Text.escape(Text.clip(b.breach(), BREACH_MAX))
        + " in *"
        + Text.escape(b.env())
        + "* at "
        + Text.date(b.at())
        + " — promotion to *"
        + Text.escape(b.nextEnv())
        + "* blocked until it holds for "
        + duration(b.minimum())
        + " again";
  }

  /** Whole hours as "24h" (how bake times are configured), anything else as elsewhere. */
  static String duration(Duration d) {
    if (!d.isZero() && d.toSecondsPart() == 0 && d.toMinutesPart() == 0) {
      return d.toHours() + "h";
    }
    return Durations.human(d);
  }
}
