package dev.baton.slack.blocks;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;

/**
 * The replies in a release's thread when its checks start to breach in a metric-gated source link
 * (what breached, when, and what it blocks), and when they hold again (from when the release may
 * leave). Each posted once per breach.
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

  /**
   * ":white_check_mark: error-rate 0.004 < 0.01 holds again in sandbox at 15:02 — promotion to prod
   * may start from tomorrow 14:02 if it keeps holding".
   */
  public static String of(PipelineEvent.BakeRecovered r) {
    return ":white_check_mark: "
        + Text.escape(Text.clip(r.holding(), BREACH_MAX))
        + " holds again in *"
        + Text.escape(r.env())
        + "* at "
        + Text.date(r.at())
        + " — promotion to *"
        + Text.escape(r.nextEnv())
        + "* may start from "
        + Text.date(r.mayGoAt())
        + " if it keeps holding";
  }

  /** Whole hours as "24h" (how bake times are configured), anything else as elsewhere. */
  static String duration(Duration d) {
    if (!d.isZero() && d.toSecondsPart() == 0 && d.toMinutesPart() == 0) {
      return d.toHours() + "h";
    }
    return Durations.human(d);
  }
}
