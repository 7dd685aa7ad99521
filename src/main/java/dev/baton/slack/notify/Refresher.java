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
 * redraws every open promotion's reply (unchanged ones are not sent) and the App Home boards. The
 * reminder of a request waiting for approval is sent when the core's wake-up says it is due ({@code
 * reminder-before} its expiry); the periodic refresh sends any that is due and was not sent (a
 * wake-up lost in a crash). Once, across restarts and replicas: the notice is claimed in the
 * database before it is sent.
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
    chat.onReminderDue(this::remind);
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
      if (p.state() == PromotionState.PENDING_APPROVAL && reminderDue(p, now)) {
        remind(p);
      }
    }
    chat.refreshHomes();
  }

  /** Sends the request's one reminder, unless it was sent (by this replica or another). */
  public void remind(Promotion p) {
    Instant now = clock.instant();
    if (p.state() != PromotionState.PENDING_APPROVAL
        || p.expiresAt() == null
        || !now.isBefore(p.expiresAt())
        || !messages.claimNotice("reminder:" + p.id(), now)) {
      return;
    }
    String text = reminder(p, now);
    chat.submit(
        "notice:reminder:" + p.id(), () -> threads.replyInThread(p.app(), p.releaseTag(), text));
  }

  /** From {@code reminder-before} the expiry (the environment's policy) until the expiry. */
  private boolean reminderDue(Promotion p, Instant now) {
    Duration before =
        pipeline.env(p.env()).map(e -> e.policy().reminderBefore()).orElse(Duration.ZERO);
    if (p.expiresAt() == null || before.isZero() || before.isNegative()) {
      return false;
    }
    return !now.isBefore(p.expiresAt().minus(before)) && now.isBefore(p.expiresAt());
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
