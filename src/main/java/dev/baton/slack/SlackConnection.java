package dev.baton.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.baton.slack.web.SlackCallFailed;
import dev.baton.slack.web.SlackWeb;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bot token once at startup ({@code auth.test}, in the background so that startup never
 * waits for Slack) and remembers the answer for {@code /health} and the log.
 */
@Context
@Requires(condition = SlackConfigured.class)
public class SlackConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SlackConnection.class);

  private final SlackWeb web;
  private final SlackSettings settings;
  private volatile String state = "checking";
  private final AtomicBoolean checking = new AtomicBoolean();

  public SlackConnection(SlackWeb web, SlackSettings settings) {
    this.web = web;
    this.settings = settings;
  }

  @PostConstruct
  void check() {
    recheck();
  }

  /**
   * Asks Slack again ({@code auth.test}) in the background, unless a check is under way: how {@code
   * /health} finds out that a Web API which stopped answering answers again even when Baton has
   * nothing else to send.
   */
  public void recheck() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                authTest();
              } finally {
                checking.set(false);
              }
            },
            "baton-slack-auth-test");
    t.setDaemon(true);
    t.start();
  }

  void authTest() {
    try {
      AuthTestResponse r = web.authTest();
      state = "connected as " + r.getUserId() + " in team " + r.getTeamId();
      LOG.info("Slack: {} over {}", state, settings.describe());
    } catch (SlackCallFailed e) {
      state = "not connected: " + e.error();
      LOG.warn(
          "Slack: the bot token was not accepted or Slack is unreachable ({}); messages wait"
              + " until it is",
          e.error());
    }
  }

  public String state() {
    return state;
  }
}
