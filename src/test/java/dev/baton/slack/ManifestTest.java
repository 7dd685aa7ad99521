package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.slack.commands.CommandBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code manifest.yml} creates an app Baton can serve: every command Baton knows, the events and
 * interactivity at {@code /slack/events}, the fewest scopes, and the manifest schema's limits.
 */
class ManifestTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> manifest() throws IOException {
    return new Yaml().load(Files.readString(Path.of("manifest.yml")));
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String p : path) {
      o = ((Map<String, Object>) o).get(p);
    }
    return (T) o;
  }

  @Test
  void everyCommandBatonKnowsIsDeclaredWithAUsageHint() throws IOException {
    List<Map<String, Object>> commands = at(manifest(), "features", "slash_commands");
    List<String> names = commands.stream().map(c -> (String) c.get("command")).toList();
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            new CommandBook(null).names().stream().map(n -> "/" + n).toList());
    for (Map<String, Object> c : commands) {
      assertThat((String) c.get("command")).matches("/[a-z]{1,31}");
      assertThat((String) c.get("url")).endsWith(SlackEventsController.PATH).startsWith("https://");
      assertThat((String) c.get("description")).isNotBlank().hasSizeLessThanOrEqualTo(2000);
      assertThat((String) c.get("usage_hint")).isNotBlank().hasSizeLessThanOrEqualTo(1000);
    }
    assertThat(
            commands.stream()
                .filter(c -> c.get("command").equals("/audit"))
                .findFirst()
                .orElseThrow()
                .get("should_escape"))
        .isEqualTo(true);
  }

  @Test
  void eventsInteractivityAndTheHomeTabGoToSlackEvents() throws IOException {
    Map<String, Object> m = manifest();
    assertThat((String) at(m, "settings", "event_subscriptions", "request_url"))
        .endsWith(SlackEventsController.PATH);
    assertThat((List<String>) at(m, "settings", "event_subscriptions", "bot_events"))
        .containsExactlyInAnyOrder("app_home_opened", "app_mention");
    assertThat((Boolean) at(m, "settings", "interactivity", "is_enabled")).isTrue();
    assertThat((String) at(m, "settings", "interactivity", "request_url"))
        .endsWith(SlackEventsController.PATH);
    assertThat((Boolean) at(m, "features", "app_home", "home_tab_enabled")).isTrue();
    assertThat((Boolean) at(m, "settings", "socket_mode_enabled")).isFalse();
  }

  @Test
  void itAsksForTheFewestScopesThatWork() throws IOException {
    assertThat((List<String>) at(manifest(), "oauth_config", "scopes", "bot"))
        .containsExactlyInAnyOrder(
            "commands",
            "chat:write",
            "usergroups:read",
            "app_mentions:read",
            "channels:history",
            "groups:history");
  }

  @Test
  void itKeepsTheManifestSchemasLimits() throws IOException {
    Map<String, Object> m = manifest();
    assertThat(m.keySet())
        .isSubsetOf("_metadata", "display_information", "features", "oauth_config", "settings");
    assertThat((String) at(m, "display_information", "name")).hasSizeBetween(1, 35);
    assertThat((String) at(m, "display_information", "description")).hasSizeLessThanOrEqualTo(140);
    assertThat((String) at(m, "display_information", "long_description")).hasSizeBetween(175, 4000);
    assertThat((String) at(m, "display_information", "background_color"))
        .matches("#[0-9a-fA-F]{6}");
    assertThat((String) at(m, "features", "bot_user", "display_name")).hasSizeBetween(1, 80);
  }
}
