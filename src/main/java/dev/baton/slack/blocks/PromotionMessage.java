package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deployment's reply in its release thread: what ships and from where, approvals, bake time, each
 * step live, the outcome, and the buttons for the next action.
 */
public final class PromotionMessage {
  private PromotionMessage() {}

  public static Rendered build(PromotionCard c) {
    Promotion p = c.promotion();
    List<LayoutBlock> blocks = new ArrayList<>();
    String title = title(c);
    String state = state(c);
    blocks.add(section(s -> s.text(markdownText(Text.clip(title + "\n" + state, Text.SECTION)))));
    blocks.add(section(s -> s.text(markdownText(ships(c)))));
    if (c.requiredApprovals() > 0) {
      blocks.add(section(s -> s.text(markdownText(approvals(c)))));
    }
    if (!c.steps().isEmpty()) {
      blocks.add(section(s -> s.text(markdownText(steps(c)))));
    }
    List<BlockElement> buttons = buttons(c);
    if (!buttons.isEmpty()) {
      blocks.add(actions(a -> a.blockId("promotion:" + p.id()).elements(buttons)));
    }
    blocks.add(
        context(
            x ->
                x.elements(
                    List.of(
                        markdownText(
                            "promotion "
                                + Text.code(p.id())
                                + " · requested "
                                + Text.date(p.requestedAt())
                                + " · updated "
                                + Text.date(p.updatedAt()))))));
    String fallback = (title + " — " + state).replaceAll("[*`]", "");
    return new Rendered(fallback, blocks);
  }

  static String envName(String env) {
    return "*" + Text.escape(env.toUpperCase(Locale.ROOT)) + "*";
  }

  private static String title(PromotionCard c) {
    Promotion p = c.promotion();
    String app = "*" + Text.escape(p.app()) + "* " + Text.code(p.releaseTag());
    return switch (p.kind()) {
      case AUTO_DEPLOY -> "🚀 Deploy of " + app + " to " + envName(p.env()) + " (automatic)";
      case PROMOTION ->
          "🚀 Promotion of "
              + app
              + " to "
              + envName(p.env())
              + " from "
              + Text.escape(p.sourceEnv())
              + ", requested by "
              + Text.user(p.requester());
      case ROLLBACK ->
          "↩️ Rollback of "
              + envName(p.env())
              + " to "
              + app
              + (p.previousReleaseTag() == null
                  ? ""
                  : " (replacing " + Text.code(p.previousReleaseTag()) + ")")
              + ", requested by "
              + Text.user(p.requester());
    };
  }

  private static String state(PromotionCard c) {
    Promotion p = c.promotion();
    return switch (p.state()) {
      case PENDING_APPROVAL ->
          "🕐 *Waiting for approval*: "
              + c.approvals().size()
              + " of "
              + c.requiredApprovals()
              + " — *"
              + missing(c)
              + " more needed*";
      case APPROVED -> "⏳ *Approved*, " + waiting(c);
      case RUNNING ->
          "⏳ *Deploying*"
              + (p.step() == null ? "" : " — " + label(p.step()))
              + (p.step() != null && p.step().recovery() ? " (recovering from a failure)" : "");
      case SUCCEEDED ->
          "✅ *Deployed* to "
              + envName(p.env())
              + " "
              + Text.date(p.updatedAt())
              + (c.current() ? "" : " — since replaced by a later deployment");
      case FAILED ->
          "❌ *Failed*"
              + (p.failedStep() == null ? "" : " at *" + label(p.failedStep()) + "*")
              + ": "
              + Text.clip(Text.reason(p.reason()), 1500)
              + "\n"
              + afterFailure(c);
      case ROLLED_BACK ->
          "↩️ *Failed and rolled back*"
              + (p.failedStep() == null ? "" : " at *" + label(p.failedStep()) + "*")
              + ": "
              + Text.clip(Text.reason(p.reason()), 1500)
              + "\nThe previous release "
              + (p.previousReleaseTag() == null ? "" : Text.code(p.previousReleaseTag()) + " ")
              + "runs again.";
      case REJECTED -> "⛔ *Rejected* " + Text.date(p.updatedAt()) + " — " + Text.reason(p.reason());
      case EXPIRED -> "⌛ *Expired* " + Text.date(p.updatedAt()) + " — " + Text.reason(p.reason());
      case CANCELLED ->
          "🚫 *Cancelled* " + Text.date(p.updatedAt()) + " — " + Text.reason(p.reason());
    };
  }

  private static String waiting(PromotionCard c) {
    if (c.freeze() != null) {
      return "waiting: "
          + Text.escape(c.promotion().env())
          + " is frozen by "
          + Text.user(c.freeze().frozenBy())
          + (c.freeze().until() == null
              ? " until someone unfreezes it"
              : " until " + Text.date(c.freeze().until()));
    }
    if (c.bakeLeft() != null && !c.bakeLeft().isZero()) {
      return "waiting for bake time: " + bake(c);
    }
    return "starting";
  }

  private static int missing(PromotionCard c) {
    return Math.max(0, c.requiredApprovals() - c.approvals().size());
  }

  private static String bake(PromotionCard c) {
    Duration left = c.bakeLeft();
    String source = Text.escape(c.promotion().sourceEnv());
    if (left == null) {
      return "none needed";
    }
    if (left.isZero()) {
      return "✅ baked " + Durations.human(c.minimumBake()) + " in " + source;
    }
    Duration done = c.minimumBake().minus(left);
    return Durations.human(done.isNegative() ? Duration.ZERO : done)
        + " of "
        + Durations.human(c.minimumBake())
        + " in "
        + source
        + " — *"
        + Durations.human(left)
        + " left*";
  }

  private static String ships(PromotionCard c) {
    Promotion p = c.promotion();
    Release r = c.release();
    List<String> lines = new ArrayList<>();
    String head =
        "*Ships* "
            + Text.code(p.releaseTag())
            + " · commit "
            + Text.code(r == null || r.commit() == null ? "?" : r.commit())
            + (r != null && r.buildUrl() != null && r.buildUrl().matches("https?://\\S+")
                ? " · <" + r.buildUrl().replace("|", "%7C") + "|build>"
                : "")
            + (p.sourceEnv() == null
                ? p.kind() == PromotionKind.ROLLBACK ? " · from its earlier run there" : ""
                : " · from *" + Text.escape(p.sourceEnv()) + "*");
    lines.add(head);
    p.digests().forEach((w, d) -> lines.add(Text.code(w) + " " + Text.code(d)));
    return Text.lines(lines, Text.SECTION);
  }

  private static String approvals(PromotionCard c) {
    Promotion p = c.promotion();
    List<String> lines = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (Approval a : c.approvals()) {
      given.add(Text.user(a.approver()) + " " + Text.date(a.approvedAt()));
    }
    if (p.state() == PromotionState.PENDING_APPROVAL) {
      lines.add(
          "*Who may approve:* "
              + Text.mentions(c.approvers())
              + " (not the requester)"
              + " — "
              + c.requiredApprovals()
              + " needed");
      lines.add(
          "*Approvals:* "
              + (given.isEmpty() ? "none yet" : String.join(", ", given))
              + " — *"
              + missing(c)
              + " missing*");
      if (c.minimumBake() != null && !c.minimumBake().isZero() && p.sourceEnv() != null) {
        lines.add("*Bake time:* " + bake(c));
      }
      if (p.expiresAt() != null) {
        Duration left = Duration.between(c.now(), p.expiresAt());
        lines.add(
            "*Expires* "
                + Text.date(p.expiresAt())
                + (left.isNegative() ? "" : " (in " + Durations.human(left) + ")"));
      }
    } else if (!given.isEmpty()) {
      lines.add("*Approved by* " + String.join(", ", given));
    } else {
      lines.add("*Approvals:* none were given");
    }
    return Text.lines(lines, Text.SECTION);
  }

  private static String steps(PromotionCard c) {
    List<String> lines = new ArrayList<>();
    Step running = c.promotion().state() == PromotionState.RUNNING ? c.promotion().step() : null;
    for (PromotionCard.StepLine s : c.steps()) {
      String detail = s.detail();
      if (s.step() == running && s.status() == StepRecord.Status.STARTED && c.progress() != null) {
        detail = c.progress();
      }
      lines.add(
          icon(s.status())
              + " "
              + label(s.step())
              + (detail == null || detail.isBlank()
                  ? ""
                  : " — " + Text.clip(Text.escape(detail), 500)));
    }
    return Text.lines(lines, Text.SECTION);
  }

  private static String icon(StepRecord.Status status) {
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
      case MOVE_POINTER_TAGS -> "pointer tags";
      case RECORD_DEPLOYMENT -> "record deployment";
      case RESTORE_POINTER_TAGS -> "restore pointer tags";
      case ROLLBACK_SET_IMAGES -> "auto-rollback: set images";
      case ROLLBACK_AWAIT_ROLLOUT -> "auto-rollback: rollout";
      case CLOSE_FAILED -> "close as failed";
      case CLOSE_ROLLED_BACK -> "close as rolled back";
    };
  }

  /** What runs after a failure: unchanged, or possibly part of the failed release. */
  private static String afterFailure(PromotionCard c) {
    Promotion p = c.promotion();
    String env = Text.escape(p.env());
    String runs = c.runs() == null ? null : Text.code(c.runs());
    if (p.failedStep() != null && p.failedStep().touchesCluster()) {
      return "The inventory still names "
          + (runs == null ? "the release before" : runs)
          + ", but "
          + env
          + " may run part of this one: `/baton status` shows any drift"
          + (c.rollback() == null
              ? "."
              : ", and Roll back puts back " + Text.code(c.rollback().targetTag()) + ".");
    }
    if (runs == null) {
      return "Nothing was changed: " + env + " still runs what it ran before.";
    }
    return c.runs().equals(p.previousReleaseTag())
        ? "Nothing was changed: " + env + " still runs " + runs + "."
        : "Nothing was changed by it; " + env + " runs " + runs + " now.";
  }

  private static List<BlockElement> buttons(PromotionCard c) {
    Promotion p = c.promotion();
    List<BlockElement> out = new ArrayList<>();
    switch (p.state()) {
      case PENDING_APPROVAL -> {
        out.add(Buttons.approve(p.id(), p.env(), p.releaseTag(), c.lastEnv()));
        out.add(Buttons.reject(p.id()));
      }
      case APPROVED -> out.add(Buttons.reject(p.id()));
      case SUCCEEDED -> {
        if (c.current() && c.nextEnv() != null) {
          out.add(Buttons.promote(p.app(), c.nextEnv(), p.releaseTag(), c.nextIsLast()));
        }
      }
      default -> {}
    }
    // the core decides whether a rollback is offered here (never on a rollback's own result, nor
    // after a failure that changed nothing)
    if (c.rollback() != null) {
      out.add(Buttons.rollback(p.app(), p.env(), c.rollback().targetTag(), c.rollback().fromTag()));
    }
    return out;
  }
}
