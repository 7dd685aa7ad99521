package dev.baton.slack.blocks;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.Bake;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The approvals part of a promotion: who may still approve, who did, bake time, expiry. */
public final class ApprovalLines {
  private ApprovalLines() {}

  static String section(PromotionCard c) {
    Promotion p = c.promotion();
    ApprovalStatus a = c.approvals();
    List<String> lines = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (Approval x : a.given()) {
      given.add(Text.user(x.approver()) + " " + Text.date(x.approvedAt()));
    }
    if (p.state() == PromotionState.PENDING_APPROVAL) {
      lines.add(
          "*Who may approve:* "
              + (a.eligible().isEmpty() ? "nobody is left" : Text.mentions(a.eligible()))
              + " — "
              + a.need()
              + " needed");
      lines.add(
          "*Approvals:* "
              + (given.isEmpty() ? "none yet" : String.join(", ", given))
              + " — *"
              + a.missing()
              + " missing*");
      String shortfall = shortfall(p.env(), a, a.requesterExcluded() ? "the requester" : null);
      if (shortfall != null) {
        lines.add("⚠️ *" + shortfall + "*: add approvers to its policy, or it expires unapproved.");
      }
      if (c.bake() != null && p.sourceEnv() != null) {
        lines.add("*Bake time:* " + bake(c.bake(), p.sourceEnv()));
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

  /**
   * Null when the approvers left can give what is missing; otherwise "prod needs 2 approvals; only
   * 1 eligible approver besides you".
   *
   * @param besides who is not counted ("you", "the requester"), or null
   */
  public static String shortfall(String env, ApprovalStatus a, String besides) {
    if (a.enoughEligible()) {
      return null;
    }
    int n = a.eligible().users().size();
    String needs =
        a.have() == 0 ? plural(a.need(), "approval") : plural(a.missing(), "more approval");
    String left =
        n == 0
            ? "no eligible approver is left"
            : "only " + plural(n, "eligible approver") + (a.have() == 0 ? "" : " left");
    return Text.escape(env)
        + " needs "
        + needs
        + "; "
        + left
        + (besides == null ? "" : " besides " + besides);
  }

  /** "2h of 24h in sandbox — 22h left", or "✅ baked 24h in sandbox". */
  public static String bake(Bake b, String source) {
    String in = " in " + Text.escape(source);
    String health = b.health() == null ? "" : " · " + b.health().text();
    if (b.complete()) {
      return "✅ baked " + Durations.human(b.minimum()) + in + health;
    }
    if (b.left().isZero()) {
      return "baked " + Durations.human(b.minimum()) + in + " — *" + b.health().text() + "*";
    }
    return Durations.human(b.done())
        + " of "
        + Durations.human(b.minimum())
        + in
        + " — *"
        + Durations.human(b.left())
        + " left*"
        + health;
  }

  static String expiresIn(Instant now, Instant expires) {
    return Durations.human(Duration.between(now, expires));
  }

  static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
