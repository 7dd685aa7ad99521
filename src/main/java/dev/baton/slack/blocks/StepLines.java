package dev.baton.slack.blocks;

import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The step lines of a deployment: one per step, its icon, name and latest detail. */
public final class StepLines {
  private StepLines() {}

  static String section(PromotionCard c) {
    List<String> lines = new ArrayList<>();
    Step running = c.promotion().state() == PromotionState.RUNNING ? c.promotion().step() : null;
    for (PromotionCard.StepLine s : c.steps()) {
      lines.add(line(s, s.step() == running ? c.progress() : null));
    }
    return Text.lines(lines, Text.SECTION);
  }

  /**
   * One step's line. A step still running (⏳) shows only the live progress of this attempt, never
   * an outcome; a detail that starts with the step's own name reads as one phrase ("✅ rollout
   * complete for 2 workloads") instead of repeating it.
   */
  public static String line(PromotionCard.StepLine s, String progress) {
    String label = label(s.step());
    String detail = s.status() == StepRecord.Status.STARTED ? progress : s.detail();
    if (detail == null || detail.isBlank()) {
      return icon(s.status()) + " " + label;
    }
    String d = Text.clip(Text.escape(detail), 500);
    if (d.toLowerCase(Locale.ROOT).startsWith(label.toLowerCase(Locale.ROOT) + " ")) {
      return icon(s.status()) + " " + label + d.substring(label.length());
    }
    return icon(s.status()) + " " + label + " — " + d;
  }

  static String icon(StepRecord.Status status) {
    return switch (status) {
      case STARTED -> "⏳";
      case SUCCEEDED -> "✅";
      case SKIPPED -> "➖";
      case RETRYING -> "🔁";
      case FAILED -> "❌";
    };
  }

  /** The name people see for a step. */
  public static String label(Step step) {
    return switch (step) {
      case VERIFY_IMAGES -> "verify images";
      case MIGRATE_BEFORE -> "migrations (before rollout)";
      case SET_IMAGES -> "set images";
      case AWAIT_ROLLOUT -> "rollout";
      case MIGRATE_AFTER -> "migrations (after rollout)";
      case SMOKE_CHECKS -> "smoke checks";
      case ANALYSIS -> "metric analysis";
      case MOVE_POINTER_TAGS -> "pointer tags";
      case RECORD_DEPLOYMENT -> "record deployment";
      case RESTORE_POINTER_TAGS -> "restore pointer tags";
      case ROLLBACK_SET_IMAGES -> "auto-rollback: set images";
      case ROLLBACK_AWAIT_ROLLOUT -> "auto-rollback: rollout";
      case CLOSE_FAILED -> "close as failed";
      case CLOSE_ROLLED_BACK -> "close as rolled back";
    };
  }
}
