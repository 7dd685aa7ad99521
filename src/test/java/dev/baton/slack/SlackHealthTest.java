package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * In HTTP mode {@code /health} says DOWN once Slack's Web API has not answered for longer than
 * {@code baton.slack.unhealthy-after}, and UP again as soon as it answers, also when Baton had
 * nothing more to send (the probe itself asks Slack again).
 */
class SlackHealthTest {
  @AutoClose BatonSlack baton = newBaton();

  private static BatonSlack newBaton() {
    try {
      return new BatonSlack(Map.of("baton.slack.unhealthy-after", "30s"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWebApiThatStopsAnsweringTurnsHealthDownAfterTheSettingAndUpWhenItAnswersAgain()
      throws Exception {
    baton.settle();
    assertThat(baton.get("/health").statusCode()).isEqualTo(200);

    baton.slack.stopListening();
    baton.register(1); // its release message cannot be posted
    SocketModeStandIn.await(
        "the Web API seen not answering",
        () -> baton.get("/health").body().contains("\"webApi\":\"not answering since"),
        Duration.ofSeconds(20));
    assertThat(baton.get("/health").statusCode()).as("not yet for long").isEqualTo(200);

    baton.clock.advance(Duration.ofSeconds(31));
    HttpResponse<String> down = baton.get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(baton.get("/health/liveness").statusCode()).isEqualTo(503);
    assertThat(baton.get("/health/readiness").statusCode()).isEqualTo(200);

    baton.slack.listenAgain();
    SocketModeStandIn.await(
        "health up again once Slack answers",
        () -> baton.get("/health").statusCode() == 200,
        Duration.ofSeconds(30));
    assertThat(baton.get("/health").body()).doesNotContain("webApi");
  }
}
