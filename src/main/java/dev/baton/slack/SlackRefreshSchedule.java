package dev.baton.slack;

import dev.baton.slack.notify.Refresher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Refresher} every {@code baton.slack.refresh-interval} (default 60 s). */
@Singleton
@Requires(condition = SlackConfigured.class)
@Requires(property = "baton.slack.refresh-enabled", notEquals = "false")
public class SlackRefreshSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(SlackRefreshSchedule.class);
  private final Refresher refresher;

  public SlackRefreshSchedule(Refresher refresher) {
    this.refresher = refresher;
  }

  @Scheduled(fixedDelay = "${baton.slack.refresh-interval:60s}", initialDelay = "20s")
  void refresh() {
    try {
      refresher.refresh();
    } catch (RuntimeException e) {
      LOG.warn("Slack refresh failed: {}", e.toString());
    }
  }
}
