package dev.baton.api;

import dev.baton.config.PositiveDuration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;

/**
 * Credentials of the HTTP API. Either may be absent: the endpoints it protects then answer 503 and
 * say which key to set, rather than accepting anyone.
 *
 * @param webhookSecret shared with CI; signs build registrations ({@code BATON_API_WEBHOOK_SECRET})
 * @param readToken bearer token of the read endpoints ({@code BATON_API_READ_TOKEN})
 * @param driftTimeout how long {@code /api/apps/<app>} waits for the clusters' answers (5s)
 */
@ConfigurationProperties(ApiSettings.PREFIX)
public record ApiSettings(
    @Nullable String webhookSecret,
    @Nullable String readToken,
    @Bindable(defaultValue = "5s") @PositiveDuration Duration driftTimeout) {
  public static final String PREFIX = "baton.api";
  public static final String WEBHOOK_SECRET_KEY = "baton.api.webhook-secret";
  public static final String READ_TOKEN_KEY = "baton.api.read-token";

  public Optional<String> configuredWebhookSecret() {
    return nonBlank(webhookSecret);
  }

  public Optional<String> configuredReadToken() {
    return nonBlank(readToken);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "ApiSettings[webhookSecret="
        + (configuredWebhookSecret().isPresent() ? "***" : "unset")
        + ", readToken="
        + (configuredReadToken().isPresent() ? "***" : "unset")
        + ", driftTimeout="
        + driftTimeout
        + "]";
  }
}
