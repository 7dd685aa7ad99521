package dev.baton.slack;

import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Used while Slack is not connected: pipeline events go to the log only. */
@Singleton
@Secondary
public class LoggingChat implements Chat {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingChat.class);

  @Override
  public void publish(PipelineEvent event) {
    if (LOG.isInfoEnabled()) {
      LOG.info("{}", summary(event));
    }
  }

  static String summary(PipelineEvent event) {
    if (event instanceof PipelineEvent.ReleaseRegistered r) {
      return "release " + r.release().app() + " " + r.release().tag() + " registered";
    }
    if (event instanceof PipelineEvent.PromotionChanged p) {
      return "promotion "
          + p.promotion().id()
          + " "
          + p.promotion().app()
          + " "
          + p.promotion().releaseTag()
          + " -> "
          + p.promotion().env()
          + ": "
          + p.promotion().state()
          + " ("
          + p.message()
          + ")";
    }
    if (event instanceof PipelineEvent.ApprovalAdded a) {
      return "promotion "
          + a.promotion().id()
          + " approved by "
          + a.approver()
          + " ("
          + a.approvals()
          + "/"
          + a.required()
          + ")";
    }
    if (event instanceof PipelineEvent.StepChanged s) {
      return "promotion " + s.promotion().id() + " " + s.step() + ": " + s.message();
    }
    if (event instanceof PipelineEvent.PromotionResumed r) {
      return "promotion "
          + r.promotion().id()
          + " resumed at "
          + r.promotion().step()
          + " by "
          + r.runner()
          + ": "
          + r.cause();
    }
    if (event instanceof PipelineEvent.ApprovalReminderDue r) {
      return "promotion " + r.promotion().id() + " still needs approvals: reminder due";
    }
    if (event instanceof PipelineEvent.UnrecordedImagesReplaced u) {
      return "promotion " + u.promotion().id() + " replaces: " + u.replaced().sentence();
    }
    if (event instanceof PipelineEvent.BreakGlassUsed b) {
      return "promotion "
          + b.promotion().id()
          + " break-glass "
          + b.act().label()
          + " by "
          + b.actor()
          + ": "
          + b.detail();
    }
    if (event instanceof PipelineEvent.BakeBreached b) {
      return b.app()
          + " "
          + b.releaseTag()
          + " breaches its checks in "
          + b.env()
          + ": "
          + b.breach()
          + "; promotion to "
          + b.nextEnv()
          + " blocked until they hold for "
          + dev.baton.pipeline.guard.Durations.human(b.minimum())
          + " again";
    }
    if (event instanceof PipelineEvent.BakeRecovered b) {
      return b.app()
          + " "
          + b.releaseTag()
          + " holds its checks again in "
          + b.env()
          + ": "
          + b.holding()
          + "; may leave for "
          + b.nextEnv()
          + " from "
          + b.mayGoAt();
    }
    PipelineEvent.FreezeChanged f = (PipelineEvent.FreezeChanged) event;
    return f.env() + (f.frozen() ? " frozen by " : " unfrozen by ") + f.actor();
  }
}
