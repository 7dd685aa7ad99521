package dev.baton.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * Credentials of the HTTP API. Either may be absent: the endpoints it protects then answer 503 and
 * say which key to set, rather than accepting anyone.
 *
 * @param webhookSecret shared with CI; signs build registrations ({@code BATON_API_WEBHOOK_SECRET})
 * @param readToken bearer token of the read endpoints ({@code BATON_API_READ_TOKEN})
 */
@ConfigurationProperties("baton.api")
public record ApiSettings(@Nullable String webhookSecret, @Nullable String readToken) {
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
        + "]";
  }
}
