package dev.baton.slack;

import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.socket.SocketModeRunner;
import dev.baton.slack.web.SlackWeb;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} → {@code slack}: whether Slack is configured, how, whether the Socket Mode link
 * is up and the Web API answers, and whether messages are waiting to be delivered.
 *
 * <p>UP without Slack configured: Baton works without chat. DOWN once Slack has been out of reach
 * for longer than {@code baton.slack.unhealthy-after} — the Socket Mode link down, or the Web API
 * refusing connections or answering 5xx — saying since when: people and Kubernetes should see that
 * nobody can click or be told anything, even while promotions go on.
 *
 * <p>It counts towards {@code /health/liveness} and not {@code /health/readiness}: a replica cut
 * off from Slack still serves the build and state API, so it stays in rotation; a link that stays
 * down past the liveness probe's patience gets the process restarted, the last resort.
 */
@Liveness
@Singleton
public class SlackHealthIndicator implements HealthIndicator {
  private final SlackSettings settings;
  private final SlackTuning tuning;
  private final Clock clock;
  private final BeanProvider<SlackChat> chat;
  private final BeanProvider<SlackConnection> connection;
  private final BeanProvider<SocketModeRunner> socketMode;
  private final BeanProvider<SlackWeb> web;

  public SlackHealthIndicator(
      SlackSettings settings,
      SlackTuning tuning,
      Clock clock,
      BeanProvider<SlackChat> chat,
      BeanProvider<SlackConnection> connection,
      BeanProvider<SocketModeRunner> socketMode,
      BeanProvider<SlackWeb> web) {
    this.settings = settings;
    this.tuning = tuning;
    this.clock = clock;
    this.chat = chat;
    this.connection = connection;
    this.socketMode = socketMode;
    this.web = web;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder("slack", reachable() ? HealthStatus.UP : HealthStatus.DOWN)
            .details(details())
            .build());
  }

  private boolean reachable() {
    if (!settings.configured()) {
      return true;
    }
    Instant now = clock.instant();
    if (settings.socketMode()
        && socketMode.isPresent()
        && socketMode.get().status().downLongerThan(tuning.unhealthyAfter(), now)) {
      return false;
    }
    boolean webDown =
        web.isPresent()
            && web.get()
                .unreachableSince()
                .map(since -> Duration.between(since, now).compareTo(tuning.unhealthyAfter()) > 0)
                .orElse(false);
    if (webDown && connection.isPresent()) {
      // The last call failed long ago and nothing was sent since: ask Slack again, so that the
      // next probe sees it answering rather than a failure nobody retried.
      connection.get().recheck();
    }
    return !webDown;
  }

  Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("slack", settings.configured() ? "configured" : "not configured");
    if (!settings.configured()) {
      return d;
    }
    d.put("mode", settings.describe());
    if (connection.isPresent()) {
      d.put("connection", connection.get().state());
    }
    if (settings.socketMode() && socketMode.isPresent()) {
      d.put("socketMode", socketMode.get().status().describe());
    }
    if (web.isPresent()) {
      web.get()
          .unreachableSince()
          .ifPresent(
              since ->
                  d.put(
                      "webApi",
                      "not answering since "
                          + since
                          + " ("
                          + web.get().unreachableBecause()
                          + ")"));
    }
    if (chat.isPresent()) {
      d.put("deliveriesWaiting", chat.get().queue().backlog());
      String problem = chat.get().queue().lastProblem();
      if (problem != null) {
        d.put("lastDeliveryProblem", problem);
      }
    }
    return d;
  }
}
