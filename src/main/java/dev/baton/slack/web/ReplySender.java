package dev.baton.slack.web;

import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends answers to people: to a {@code response_url}, or as an ephemeral message. Runs on the
 * command threads; a few retries cover a 429 or a blip, longer outages drop the answer (the thread
 * messages, which matter more, are retried by the delivery queue until Slack is back).
 */
public final class ReplySender {
  private static final Logger LOG = LoggerFactory.getLogger(ReplySender.class);
  private static final int ATTEMPTS = 3;

  private final SlackWeb web;

  public ReplySender(SlackWeb web) {
    this.web = web;
  }

  public void respond(String url, String text, List<LayoutBlock> blocks, boolean inChannel) {
    attempt("response_url", () -> web.respond(url, text, blocks, inChannel));
  }

  public void ephemeral(String channel, String user, String threadTs, String text) {
    attempt("chat.postEphemeral", () -> web.postEphemeral(channel, user, threadTs, text));
  }

  public void post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
    attempt("chat.postMessage", () -> web.postMessage(channel, threadTs, text, blocks));
  }

  private static void attempt(String what, Runnable call) {
    for (int i = 1; ; i++) {
      try {
        call.run();
        return;
      } catch (SlackCallFailed e) {
        if (!e.retryable() || i >= ATTEMPTS) {
          LOG.warn("could not answer through {}: {}", what, e.getMessage());
          return;
        }
        Duration wait = e.retryAfter() != null ? e.retryAfter() : Duration.ofMillis(250L * i);
        try {
          Thread.sleep(Math.min(wait.toMillis(), 5_000));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
