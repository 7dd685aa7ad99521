package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.InProcessBaton;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where the Slack settings come from, and when Slack counts as configured. */
class SlackSettingsTest {
  private static SlackSettings resolve(Map<String, Object> keys, Map<String, Object> variables) {
    Environment env =
        InProcessBaton.builder()
            .propertySource(PropertySource.of("keys", keys))
            .propertySource(
                PropertySource.of(
                    "vars", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
            .environment();
    try {
      return SlackSettings.from(env);
    } finally {
      env.stop();
    }
  }

  @Test
  void theSlackEnvironmentVariablesWork() {
    SlackSettings s =
        resolve(
            Map.of(),
            Map.of(
                "SLACK_SIGNING_SECRET", "secret-1",
                "SLACK_BOT_TOKEN", "xoxb-1",
                "SLACK_APP_TOKEN", "xapp-1"));
    assertThat(s.signingSecret()).isEqualTo("secret-1");
    assertThat(s.botToken()).isEqualTo("xoxb-1");
    assertThat(s.appToken()).isEqualTo("xapp-1");
    assertThat(s.describe()).isEqualTo("HTTP (/slack/events) and Socket Mode");
    assertThat(s.apiUrl()).isEqualTo("https://slack.com/api/");
  }

  @Test
  void batonKeysWinOverTheSlackVariablesAndTheApiUrlGetsItsSlash() {
    Map<String, Object> keys = new HashMap<>();
    keys.put("baton.slack.bot-token", "xoxb-key");
    keys.put("baton.slack.api-url", "https://slack-gov.com/api");
    keys.put("baton.slack.default-channel", "#deploys");
    SlackSettings s = resolve(keys, Map.of("SLACK_BOT_TOKEN", "xoxb-var"));
    assertThat(s.botToken()).isEqualTo("xoxb-key");
    assertThat(s.apiUrl()).isEqualTo("https://slack-gov.com/api/");
    assertThat(s.defaultChannel()).isEqualTo("#deploys");
  }

  @Test
  void secretsNeverAppearInItsDescription() {
    SlackSettings s =
        resolve(
            Map.of(
                "baton.slack.signing-secret", "s3cr3t",
                "baton.slack.bot-token", "xoxb-t0k3n",
                "baton.slack.app-token", "xapp-t0k3n"),
            Map.of());
    assertThat(s.toString()).doesNotContain("s3cr3t", "xoxb-t0k3n", "xapp-t0k3n");
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of(null, null, null, false, false, false, "not configured"),
        Arguments.of("s", null, null, false, false, false, "not configured"),
        Arguments.of(null, "xoxb", null, false, false, false, "not configured"),
        Arguments.of("s", "xoxb", null, true, true, false, "HTTP (/slack/events)"),
        Arguments.of(null, "xoxb", "xapp", true, false, true, "Socket Mode"),
        Arguments.of("s", "xoxb", "xapp", true, true, true, "HTTP (/slack/events) and Socket Mode"),
        Arguments.of("  ", "xoxb", null, false, false, false, "not configured"));
  }

  @ParameterizedTest(name = "secret={0} bot={1} app={2} → {6}")
  @MethodSource("modes")
  void whenSlackIsConfigured(
      String secret,
      String bot,
      String app,
      boolean configured,
      boolean http,
      boolean socket,
      String describe) {
    Map<String, Object> keys = new HashMap<>();
    if (secret != null) {
      keys.put("baton.slack.signing-secret", secret);
    }
    if (bot != null) {
      keys.put("baton.slack.bot-token", bot);
    }
    if (app != null) {
      keys.put("baton.slack.app-token", app);
    }
    SlackSettings s = resolve(keys, Map.of());
    assertThat(s.configured()).isEqualTo(configured);
    assertThat(s.httpEnabled()).isEqualTo(http);
    assertThat(s.socketMode()).isEqualTo(socket);
    assertThat(s.describe()).isEqualTo(describe);
  }
}
