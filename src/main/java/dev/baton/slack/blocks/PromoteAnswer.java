package dev.baton.slack.blocks;

import dev.baton.pipeline.Requested;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.view.ApprovalStatus;
import java.util.Locale;

/** The answer to {@code /promote} and the Promote button: what the request did. */
public final class PromoteAnswer {
  private PromoteAnswer() {}

  public static String of(Requested r) {
    Promotion p = r.promotion();
    ApprovalStatus a = r.approvals();
    String what =
        "*"
            + Text.escape(p.app())
            + "* "
            + Text.code(p.releaseTag())
            + " to *"
            + Text.escape(p.env())
            + "*";
    if (!r.created()) {
      return "ℹ️ The promotion of "
          + what
          + " was already requested by "
          + Text.user(p.requester())
          + " "
          + Text.date(p.requestedAt())
          + "; it is "
          + p.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + (p.state() == PromotionState.PENDING_APPROVAL
              ? " (" + a.have() + " of " + a.need() + " approvals)"
              : "")
          + ". Nothing changed.";
    }
    if (p.breaksGlass() && p.state() == PromotionState.PENDING_APPROVAL) {
      return "🔨 Break-glass promotion of "
          + what
          + " requested, announced in the channel. It needs "
          + ApprovalLines.plural(a.need(), "break-glass approval")
          + " from "
          + Text.mentions(a.eligible())
          + "; then it may start despite freezes, windows and bake time.";
    }
    if (p.state() == PromotionState.PENDING_APPROVAL) {
      String shortfall = ApprovalLines.shortfall(p.env(), a, a.requesterExcluded() ? "you" : null);
      return "🕐 Promotion of "
          + what
          + " requested. It needs "
          + ApprovalLines.plural(a.need(), "approval")
          + (a.eligible().isEmpty() ? "" : " from " + Text.mentions(a.eligible()))
          + "; the buttons are in the release's thread."
          + (shortfall == null
              ? ""
              : "\n⚠️ " + shortfall + ": it cannot be approved unless approvers are added.");
    }
    return "⏳ Promotion of "
        + what
        + " requested; it starts as soon as bake time and freezes allow. Follow it in the"
        + " release's thread.";
  }
}
