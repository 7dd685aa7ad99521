package dev.baton.slack;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at startup whether Slack is connected, and what is missing when it is not. */
@Context
public class SlackStartupReport {
  private static final Logger LOG = LoggerFactory.getLogger(SlackStartupReport.class);
  private final SlackSettings settings;

  public SlackStartupReport(SlackSettings settings) {
    this.settings = settings;
  }

  @PostConstruct
  void report() {
    if (settings.configured()) {
      LOG.info("Slack: {}", settings);
      return;
    }
    LOG.warn(
        "Slack is not connected: {}. Baton runs without chat (events go to the log) and"
            + " /slack/events answers 503. See docs/slack.md",
        settings.botToken() == null
            ? "set SLACK_BOT_TOKEN (baton.slack.bot-token)"
                + " and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN"
            : "set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)");
  }
}
