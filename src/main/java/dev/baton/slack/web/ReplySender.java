package dev.baton.slack.web;

import com.slack.api.model.block.LayoutBlock;
import dev.baton.retry.RetryBudget;
import dev.baton.retry.RetryEnded;
import dev.baton.retry.Retrying;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends answers to people: to a {@code response_url}, or as an ephemeral message. Runs on the
 * command threads; Baton's retry policy covers a 429 or a blip for a few seconds ({@link #BUDGET}),
 * longer outages drop the answer (the thread messages, which matter more, are retried by the
 * delivery queue until Slack is back).
 */
public final class ReplySender {
  private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);

  /**
   * 3 attempts, 250 ms then 500 ms apart (jittered), none later than 10 s after the first; Slack
   * may ask for up to 5 s, a longer {@code Retry-After} drops the answer at once.
   */
  public static final RetryBudget BUDGET =
      new RetryBudget(
          3,
          Duration.ofMillis(250),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5));

  private final SlackWeb web;
  private final Retrying<SlackCallFailed> retrying;

  public ReplySender(SlackWeb web) {
    this(web, BUDGET);
  }

  public ReplySender(SlackWeb web, RetryBudget budget) {
    this.web = web;
    this.retrying = new Retrying<>(budget, SlackWeb.TRANSIENCE);
  }

  public void respond(String url, String text, List<LayoutBlock> blocks, boolean inChannel) {
    attempt("response_url", () -> web.respond(url, text, blocks, inChannel));
  }

  /**
   * @return false when the answer could not be delivered (logged)
   */
  public boolean ephemeral(String channel, String user, String threadTs, String text) {
    return attempt("chat.postEphemeral", () -> web.postEphemeral(channel, user, threadTs, text));
  }

  /**
   * @return false when the message could not be delivered (logged)
   */
  public boolean post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
    return attempt("chat.postMessage", () -> web.postMessage(channel, threadTs, text, blocks));
  }

  private boolean attempt(String what, Runnable call) {
    try {
      retrying.call(
          what,
          () -> {
            call.run();
            return null;
          });
      return true;
    } catch (RetryEnded e) {
      LOG.warn("could not answer through {} ({}): {}", what, e.spent(), e.getMessage());
      return false;
    }
  }
}
