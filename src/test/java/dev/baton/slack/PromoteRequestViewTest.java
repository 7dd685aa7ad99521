package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.baton.slack.blocks.PromoteRequestView;
import dev.baton.slack.commands.Vocabulary;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The promotion request modal within Slack's limits, however many apps are configured. */
class PromoteRequestViewTest {
  private static final List<String> CHAIN = List.of("test", "sandbox", "prod");

  @Test
  void upToAHundredAppsAreASortedSelect() {
    JsonObject view =
        json(PromoteRequestView.of(new Vocabulary(Set.of("zeta", "alpha"), CHAIN), "zeta", "C1"));
    JsonObject app = SlackPromoteModalTest.block(view, "app").getAsJsonObject("element");
    assertThat(app.get("type").getAsString()).isEqualTo("static_select");
    assertThat(SlackPromoteModalTest.options(SlackPromoteModalTest.block(view, "app")))
        .containsExactly("alpha", "zeta");
    assertThat(app.getAsJsonObject("initial_option").get("value").getAsString()).isEqualTo("zeta");
    assertThat(BlockKitLimits.checkView(view.toString())).isEmpty();
  }

  @Test
  void beyondAHundredAppsTheAppIsTypedAndTheModalStaysWithinSlacksLimits() {
    Set<String> apps =
        IntStream.rangeClosed(1, 101).mapToObj(i -> "app-" + i).collect(Collectors.toSet());
    JsonObject view = json(PromoteRequestView.of(new Vocabulary(apps, CHAIN), "app-7", "C1"));
    JsonObject app = SlackPromoteModalTest.block(view, "app").getAsJsonObject("element");
    assertThat(app.get("type").getAsString()).isEqualTo("plain_text_input");
    assertThat(app.get("initial_value").getAsString()).isEqualTo("app-7");
    assertThat(BlockKitLimits.checkView(view.toString())).isEmpty();
  }

  @Test
  void aSingleTargetIsPreselected() {
    JsonObject view =
        json(
            PromoteRequestView.of(
                new Vocabulary(Set.of("a"), List.of("test", "prod")), null, null));
    JsonObject env = SlackPromoteModalTest.block(view, "env").getAsJsonObject("element");
    assertThat(env.getAsJsonObject("initial_option").get("value").getAsString()).isEqualTo("prod");
    assertThat(view.has("private_metadata") ? view.get("private_metadata").getAsString() : "")
        .isEmpty();
  }

  @Test
  void theChannelTravelsInThePrivateMetadataAndNothingElseIsTakenForOne() {
    assertThat(PromoteRequestView.channelOf(PromoteRequestView.metadata("C0123ABC")))
        .isEqualTo("C0123ABC");
    assertThat(PromoteRequestView.metadata("#general")).isEmpty();
    assertThat(PromoteRequestView.channelOf("")).isNull();
    assertThat(PromoteRequestView.channelOf("{\"channel_id\":\"https://evil\"}")).isNull();
    assertThat(PromoteRequestView.channelOf(null)).isNull();
  }

  private static JsonObject json(View view) {
    return JsonParser.parseString(GsonFactory.createSnakeCase().toJson(view)).getAsJsonObject();
  }
}
