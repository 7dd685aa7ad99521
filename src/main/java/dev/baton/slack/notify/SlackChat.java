package dev.baton.slack.notify;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.slack.blocks.BakeBreachNotice;
import dev.baton.slack.blocks.BreakGlassNotice;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.Text;
import dev.baton.slack.blocks.UnrecordedText;
import dev.baton.slack.web.SlackWeb;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Slack what happened. {@link #publish} only queues work, so it never blocks the core and
 * never throws; the queue's thread then renders each message from the store's current state and
 * sends it. Replaying state instead of events makes every job idempotent: a job retried after Slack
 * was down, or one standing for fifty step updates, sends what is true now.
 */
public final class SlackChat implements Chat {
  private static final Logger LOG = LoggerFactory.getLogger(SlackChat.class);

  private final DeliveryQueue queue;
  private final ThreadPublisher threads;
  private final ProgressBoard progress;
  private final PipelineStore store;
  private final SlackWeb web;
  private final Clock clock;
  private final HomeRefresh homes;
  private final AtomicLong notices = new AtomicLong();

  /** Republishes the App Home of everyone who looks at it. */
  public interface HomeRefresh {
    void refreshAll();
  }

  private volatile Consumer<Promotion> reminders = p -> {};

  public SlackChat(
      DeliveryQueue queue,
      ThreadPublisher threads,
      ProgressBoard progress,
      PipelineStore store,
      SlackWeb web,
      Clock clock,
      HomeRefresh homes) {
    this.queue = queue;
    this.threads = threads;
    this.progress = progress;
    this.store = store;
    this.web = web;
    this.clock = clock;
    this.homes = homes;
  }

  /** Who sends a reminder the core says is due (the refresher, which claims it once). */
  public void onReminderDue(Consumer<Promotion> sender) {
    reminders = sender;
  }

  @Override
  public void publish(PipelineEvent event) {
    try {
      route(event);
    } catch (RuntimeException e) {
      LOG.warn("could not queue a Slack notification: {}", e.toString());
    }
  }

  private void route(PipelineEvent event) {
    if (event instanceof PipelineEvent.ReleaseRegistered r) {
      release(r.release().app(), r.release().tag());
    } else if (event instanceof PipelineEvent.PromotionChanged c) {
      Promotion p = c.promotion();
      if (p.state().terminal()) {
        progress.forget(p.id());
      }
      promotion(p.id());
      if (p.previousReleaseTag() != null) {
        release(p.app(), p.previousReleaseTag());
      }
      if (p.state() == PromotionState.SUCCEEDED) {
        queue.submit("replaced:" + p.id(), () -> replaced(p));
      }
    } else if (event instanceof PipelineEvent.ApprovalAdded a) {
      promotion(a.promotion().id());
    } else if (event instanceof PipelineEvent.StepChanged s) {
      // Live progress only while the step runs; its outcome (the promotion moved on) clears it.
      if (s.promotion().step() == s.step() && s.promotion().state() == PromotionState.RUNNING) {
        progress.report(s.promotion().id(), s.step(), s.message());
      } else {
        progress.forget(s.promotion().id());
      }
      promotion(s.promotion().id());
    } else if (event instanceof PipelineEvent.PromotionResumed r) {
      Promotion p = r.promotion();
      progress.forget(p.id());
      String text = resumedNotice(r);
      // Only the runner that took the lease emits this, once per take: no cross-replica claim.
      queue.submit(
          "notice:resumed:" + p.id() + ":" + r.runner(),
          () -> threads.replyInThread(p.app(), p.releaseTag(), text));
      promotion(p.id());
    } else if (event instanceof PipelineEvent.UnrecordedImagesReplaced u) {
      Promotion p = u.promotion();
      String text = UnrecordedText.replaced(u.replaced());
      queue.submit(
          "notice:unrecorded:" + p.id(),
          () -> threads.replyInThread(p.app(), p.releaseTag(), text));
    } else if (event instanceof PipelineEvent.BakeBreached b) {
      String text = BakeBreachNotice.of(b);
      queue.submit(
          "notice:bake:" + b.app() + ":" + b.env() + ":" + b.releaseTag() + ":" + b.at(),
          () -> threads.replyInThread(b.app(), b.releaseTag(), text));
    } else if (event instanceof PipelineEvent.BakeRecovered b) {
      String text = BakeBreachNotice.of(b);
      queue.submit(
          "notice:bake-recovered:" + b.app() + ":" + b.env() + ":" + b.releaseTag() + ":" + b.at(),
          () -> threads.replyInThread(b.app(), b.releaseTag(), text));
    } else if (event instanceof PipelineEvent.ApprovalReminderDue d) {
      reminders.accept(d.promotion());
    } else if (event instanceof PipelineEvent.BreakGlassUsed b) {
      announceBreakGlass(b);
    } else if (event instanceof PipelineEvent.FreezeChanged f) {
      long n = notices.incrementAndGet();
      for (String channel : channels()) {
        queue.submit(
            "notice:freeze:" + n + ":" + channel,
            () -> web.postMessage(channel, null, freezeNotice(f), null));
      }
      queue.submit("frozen:" + f.env(), () -> openIn(f.env()));
    }
    queue.submit("homes", homes::refreshAll);
  }

  /** A top-level message in the app's channel, keyed once per act and person. */
  private void announceBreakGlass(PipelineEvent.BreakGlassUsed b) {
    Promotion p = b.promotion();
    String text = BreakGlassNotice.of(b);
    threads
        .channelOf(p.app())
        .ifPresent(
            channel ->
                queue.submit(
                    "notice:break-glass:" + p.id() + ":" + b.act() + ":" + b.actor(),
                    () -> web.postMessage(channel, null, text, null)));
    promotion(p.id());
  }

  /** The thread reply saying which promotion was picked up again, where, and why. */
  static String resumedNotice(PipelineEvent.PromotionResumed r) {
    Promotion p = r.promotion();
    return ":arrows_counterclockwise: Resumed "
        + (p.kind() == PromotionKind.ROLLBACK ? "the rollback to *" : "*")
        + Text.escape(p.app() + " " + p.releaseTag())
        + "* to *"
        + Text.escape(p.env())
        + "* at step *"
        + PromotionMessage.label(p.step())
        + "* ("
        + Text.escape(r.cause())
        + "). Steps already done are not repeated.";
  }

  /** Queues the root message of a release. */
  public void release(String app, String tag) {
    queue.submit(ThreadPublisher.releaseKey(app, tag), () -> threads.publishRelease(app, tag));
  }

  /** Queues a deployment's reply (and its release's root message). */
  public void promotion(String id) {
    queue.submit(ThreadPublisher.promotionKey(id), () -> threads.publishPromotion(id));
  }

  /** Runs any Slack work on the delivery thread, keyed so that it is not queued twice. */
  public void submit(String key, DeliveryQueue.Job job) {
    queue.submit(key, job);
  }

  /** Queues the App Home boards of everyone who looks at them. */
  public void refreshHomes() {
    queue.submit("homes", homes::refreshAll);
  }

  public DeliveryQueue queue() {
    return queue;
  }

  /** The earlier deployment's reply loses its buttons: it is no longer what runs. */
  private void replaced(Promotion p) {
    List<Deployment> latest = store.read(r -> r.deployments(p.app(), p.env(), 2));
    if (latest.size() == 2 && latest.get(1).promotionId() != null) {
      promotion(latest.get(1).promotionId());
      release(p.app(), latest.get(1).releaseTag());
    }
  }

  private void openIn(String env) {
    for (Promotion p :
        store.read(
            r ->
                r.promotionsIn(
                    EnumSet.of(
                        PromotionState.PENDING_APPROVAL,
                        PromotionState.APPROVED,
                        PromotionState.RUNNING)))) {
      if (p.env().equals(env)) {
        promotion(p.id());
      }
    }
  }

  private String freezeNotice(PipelineEvent.FreezeChanged f) {
    String env = "*" + Text.escape(f.env().toUpperCase(Locale.ROOT)) + "*";
    String text =
        f.frozen()
            ? "🧊 "
                + env
                + " is frozen by "
                + Text.user(f.actor())
                + store
                    .read(r -> r.freeze(f.env()))
                    .filter(fr -> fr.until() != null && fr.activeAt(clock.instant()))
                    .map(fr -> " until " + Text.date(fr.until()))
                    .orElse(" until someone unfreezes it")
                + (f.reason() == null || f.reason().isBlank() ? "" : ": " + Text.escape(f.reason()))
                + ". Promotions into it wait; rollbacks are still allowed."
            : "🌤️ " + env + " is unfrozen by " + Text.user(f.actor()) + ".";
    return text;
  }

  private Set<String> channels() {
    Set<String> out = new LinkedHashSet<>();
    for (AppDefinition app : threads.channelsSource()) {
      threads.channelOf(app.name()).ifPresent(out::add);
    }
    if (out.isEmpty()) {
      threads.defaultChannel().ifPresent(out::add);
    }
    return out;
  }
}
