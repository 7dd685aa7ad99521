package dev.baton.slack;

import io.micronaut.core.value.PropertyResolver;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * How Baton talks to Slack. Each value is read from {@code baton.slack.<key>} or, failing that,
 * from {@code slack.<key>}, which is where Micronaut puts the environment variables {@code
 * SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN} and {@code SLACK_APP_TOKEN}.
 *
 * @param signingSecret verifies requests to {@code /slack/events}; null disables the endpoint
 * @param botToken {@code xoxb-…}, for every Web API call; null means Slack is not connected
 * @param appToken {@code xapp-…}; when set, Baton also connects over Socket Mode
 * @param apiUrl Web API base URL ending in {@code /api/} (GovSlack, tests)
 * @param defaultChannel where releases of apps without a channel are posted; null: nowhere
 */
public record SlackSettings(
    String signingSecret,
    String botToken,
    String appToken,
    String apiUrl,
    @Pattern(regexp = SlackSettings.CHANNEL, message = "is not #channel-name or a channel ID")
        String defaultChannel) {

  /**
   * A channel as configuration names it: {@code #name} or a channel ID ({@code C…}, {@code G…}).
   */
  public static final String CHANNEL = "#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{2,}";

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public static SlackSettings from(PropertyResolver properties) {
    return new SlackSettings(
        value(properties, "signing-secret"),
        value(properties, "bot-token"),
        value(properties, "app-token"),
        Optional.ofNullable(value(properties, "api-url"))
            .map(u -> u.endsWith("/") ? u : u + "/")
            .orElse(DEFAULT_API_URL),
        value(properties, "default-channel"));
  }

  private static String value(PropertyResolver properties, String key) {
    return properties
        .get("baton.slack." + key, String.class)
        .filter(v -> !v.isBlank())
        .or(() -> properties.get("slack." + key, String.class).filter(v -> !v.isBlank()))
        .map(String::trim)
        .orElse(null);
  }

  /** Slack is connected when Baton has a bot token and a way to receive requests. */
  public boolean configured() {
    return botToken != null && (signingSecret != null || appToken != null);
  }

  /** {@code /slack/events} serves requests only with a signing secret to verify them. */
  public boolean httpEnabled() {
    return configured() && signingSecret != null;
  }

  public boolean socketMode() {
    return configured() && appToken != null;
  }

  /** What is missing, for the log and {@code /health}; never the secrets themselves. */
  public String describe() {
    if (!configured()) {
      return "not configured";
    }
    return (httpEnabled() ? "HTTP (/slack/events)" : "")
        + (httpEnabled() && socketMode() ? " and " : "")
        + (socketMode() ? "Socket Mode" : "");
  }

  @Override
  public String toString() {
    return "SlackSettings[mode="
        + describe()
        + ", apiUrl="
        + apiUrl
        + ", defaultChannel="
        + defaultChannel
        + "]";
  }
}
