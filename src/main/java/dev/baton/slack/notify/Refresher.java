package dev.baton.slack.notify;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.view.ApprovalStatus;
import dev.baton.pipeline.view.PromotionViews;
import dev.baton.slack.blocks.ApprovalLines;
import dev.baton.slack.blocks.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Time passes without events: bake time runs down, approvals near their expiry. Periodically this
 * redraws every open promotion's reply (unchanged ones are not sent) and the App Home boards, and
 * sends each promotion waiting for approval one reminder to its approvers once three quarters of
 * its approval time are gone — once, across restarts and replicas, because the notice is claimed in
 * the database before it is sent.
 */
public final class Refresher {
  private final PipelineStore store;
  private final Pipeline pipeline;
  private final Clock clock;
  private final SlackChat chat;
  private final SlackMessages messages;
  private final ThreadPublisher threads;

  public Refresher(
      PipelineStore store,
      Pipeline pipeline,
      Clock clock,
      SlackChat chat,
      SlackMessages messages,
      ThreadPublisher threads) {
    this.store = store;
    this.pipeline = pipeline;
    this.clock = clock;
    this.chat = chat;
    this.messages = messages;
    this.threads = threads;
  }

  public void refresh() {
    Instant now = clock.instant();
    for (Promotion p :
        store.read(
            r ->
                r.promotionsIn(
                    EnumSet.of(
                        PromotionState.PENDING_APPROVAL,
                        PromotionState.APPROVED,
                        PromotionState.RUNNING)))) {
      chat.promotion(p.id());
      if (p.state() == PromotionState.PENDING_APPROVAL
          && reminderDue(p, now)
          && messages.claimNotice("reminder:" + p.id(), now)) {
        String text = reminder(p, now);
        chat.submit(
            "notice:reminder:" + p.id(),
            () -> threads.replyInThread(p.app(), p.releaseTag(), text));
      }
    }
    chat.refreshHomes();
  }

  /** True once three quarters of the approval time are gone, until it ends. */
  static boolean reminderDue(Promotion p, Instant now) {
    if (p.expiresAt() == null || p.requestedAt() == null) {
      return false;
    }
    Duration ttl = Duration.between(p.requestedAt(), p.expiresAt());
    Instant remindAt = p.expiresAt().minus(ttl.dividedBy(4));
    return !now.isBefore(remindAt) && now.isBefore(p.expiresAt());
  }

  /** The reminder, mentioning only those who can still approve (the core's list). */
  private String reminder(Promotion p, Instant now) {
    ApprovalStatus a = store.read(r -> PromotionViews.status(pipeline, r, p, now)).approvals();
    int missing = a.missing();
    String shortfall = ApprovalLines.shortfall(p.env(), a, null);
    return "⏰ Reminder"
        + (a.eligible().isEmpty() ? "" : " for " + Text.mentions(a.eligible()))
        + ": *"
        + Text.escape(p.app())
        + "* "
        + Text.code(p.releaseTag())
        + " → *"
        + Text.escape(p.env().toUpperCase(Locale.ROOT))
        + "* still needs "
        + missing
        + " approval"
        + (missing == 1 ? "" : "s")
        + "; the request expires "
        + Text.date(p.expiresAt())
        + " (in "
        + Durations.human(Duration.between(now, p.expiresAt()))
        + "). This is the only reminder."
        + (shortfall == null ? "" : "\n⚠️ " + shortfall + ".");
  }
}
