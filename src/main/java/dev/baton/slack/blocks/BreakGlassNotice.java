package dev.baton.slack.blocks;

import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.PipelineEvent;
import java.util.Locale;

/**
 * The top-level channel message for every break-glass act (request, approval, override), and the
 * line that marks a break-glass promotion in its thread card. A break-glass promotion must never go
 * unnoticed, so it is announced in the channel and not only in the release's thread.
 */
public final class BreakGlassNotice {
  /** Leaves room in a section's 3000 characters for the rest of the notice. */
  private static final int REASON_MAX = 1500;

  private BreakGlassNotice() {}

  /** "🔨 BREAK-GLASS: reason (ticket INC-123)", shown in the promotion card. */
  public static String line(BreakGlass b) {
    return "🔨 *BREAK-GLASS:* "
        + Text.escape(Text.clip(b.reason(), REASON_MAX))
        + (b.ticket() == null || b.reason().contains(b.ticket())
            ? ""
            : " (ticket " + Text.code(b.ticket()) + ")");
  }

  /** The channel announcement of one break-glass act. */
  public static String of(PipelineEvent.BreakGlassUsed e) {
    Promotion p = e.promotion();
    String what =
        "*"
            + Text.escape(p.app() + " " + p.releaseTag())
            + "* to *"
            + Text.escape(p.env().toUpperCase(Locale.ROOT))
            + "*";
    String head =
        switch (e.act()) {
          case REQUESTED -> Text.user(e.actor()) + " requested a break-glass promotion of " + what;
          case APPROVED -> Text.user(e.actor()) + " approved the break-glass promotion of " + what;
          case OVERRIDE -> "The break-glass promotion of " + what + " started";
        };
    String tail =
        switch (e.act()) {
          case REQUESTED, APPROVED -> "";
          case OVERRIDE -> "\nOverrides: " + Text.reason(Text.clip(overrides(e.detail()), 1000));
        };
    return "🔨 " + head + ".\n" + line(p.breakGlass()) + tail;
  }

  private static String overrides(String detail) {
    int at = detail.indexOf("overrides: ");
    return at < 0 ? detail : detail.substring(at + "overrides: ".length());
  }
}
