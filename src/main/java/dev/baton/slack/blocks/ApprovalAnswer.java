package dev.baton.slack.blocks;

import dev.baton.pipeline.ApprovalOutcome;
import dev.baton.pipeline.model.Promotion;

/** The answer to an Approve click: what the approval did. */
public final class ApprovalAnswer {
  private ApprovalAnswer() {}

  public static String of(ApprovalOutcome outcome) {
    Promotion p = outcome.promotion();
    String what =
        "*"
            + Text.escape(p.app())
            + "* "
            + Text.code(p.releaseTag())
            + " → *"
            + Text.escape(p.env())
            + "*";
    if (outcome instanceof ApprovalOutcome.ApprovalAdded a) {
      return "✅ Your approval of "
          + what
          + " is recorded: "
          + a.approvals().have()
          + " of "
          + a.approvals().need()
          + ", "
          + a.approvals().missing()
          + " more needed.";
    }
    if (outcome instanceof ApprovalOutcome.Approved) {
      return "✅ Approved: "
          + what
          + " has every approval it needs and starts as soon as bake time and freezes allow.";
    }
    if (outcome instanceof ApprovalOutcome.CancelledStale) {
      return "🚫 Your approval did not count: Baton cancelled the promotion of "
          + what
          + " because its source moved on ("
          + Text.reason(p.reason())
          + "). Request it again to promote what runs there now.";
    }
    return "⌛ Your approval did not count: the request to promote "
        + what
        + " expired "
        + Text.date(p.expiresAt())
        + " ("
        + Text.reason(p.reason())
        + "). Request it again if it is still wanted.";
  }
}
