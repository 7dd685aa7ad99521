package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
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
    if (p.breaksGlass()) {
      blocks.add(section(s -> s.text(markdownText(BreakGlassNotice.line(p.breakGlass())))));
    }
    blocks.add(section(s -> s.text(markdownText(ships(c)))));
    if (WhatChanges.applies(c)) {
      blocks.add(section(s -> s.text(markdownText(WhatChanges.section(c)))));
    }
    if (c.approvals().need() > 0) {
      blocks.add(section(s -> s.text(markdownText(ApprovalLines.section(c)))));
    }
    if (!c.steps().isEmpty()) {
      blocks.add(section(s -> s.text(markdownText(StepLines.section(c)))));
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
    if (p.state().terminal() && p.traceId() != null) {
      // the final message says where the whole promotion can be seen as one trace
      blocks.add(
          context(x -> x.elements(List.of(markdownText("trace " + Text.code(p.traceId()))))));
    }
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
              + c.approvals().have()
              + " of "
              + c.approvals().need()
              + " — *"
              + c.approvals().missing()
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
    if (c.promotion().breaksGlass()) {
      return "starting: break-glass overrides freezes, windows and bake time";
    }
    if (c.freeze() != null) {
      return "waiting: "
          + Text.escape(c.promotion().env())
          + " is frozen by "
          + Text.user(c.freeze().frozenBy())
          + (c.freeze().until() == null
              ? " until someone unfreezes it"
              : " until " + Text.date(c.freeze().until()));
    }
    if (c.bake() != null && !c.bake().complete()) {
      return "waiting for bake time: " + ApprovalLines.bake(c.bake(), c.promotion().sourceEnv());
    }
    if (c.windowWait() != null) {
      return "waiting: " + Text.reason(c.windowWait());
    }
    return "starting";
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

  /** The name people see for a step. */
  public static String label(Step step) {
    return StepLines.label(step);
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
        out.add(Buttons.approve(p.id(), p.env(), p.releaseTag(), c.lastEnv(), p.breaksGlass()));
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
