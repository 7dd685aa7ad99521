package dev.baton.slack;

import dev.baton.slack.notify.SlackChat;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} → {@code slack}: whether Slack is configured, how, and whether messages are
 * waiting to be delivered. Always UP: Baton works without Slack (promotions run, the API answers),
 * so neither a missing configuration nor a Slack outage should make an orchestrator restart it.
 */
@Singleton
public class SlackHealthIndicator implements HealthIndicator {
  private final SlackSettings settings;
  private final BeanProvider<SlackChat> chat;
  private final BeanProvider<SlackConnection> connection;

  public SlackHealthIndicator(
      SlackSettings settings,
      BeanProvider<SlackChat> chat,
      BeanProvider<SlackConnection> connection) {
    this.settings = settings;
    this.chat = chat;
    this.connection = connection;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder("slack", HealthStatus.UP).details(details()).build());
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
