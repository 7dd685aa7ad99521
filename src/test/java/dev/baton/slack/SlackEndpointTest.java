package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.fakes.Fixtures;
import dev.baton.slack.notify.SlackChat;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /slack/events}: Bolt's verification, and what Baton answers to odd requests. */
class SlackEndpointTest {
  static BatonSlack baton;

  @BeforeAll
  static void start() throws Exception {
    baton = new BatonSlack();
  }

  @AfterAll
  static void stop() {
    baton.close();
  }

  static Stream<Arguments> answeredInTheAcknowledgement() {
    return Stream.of(
        // a signed slash command
        Arguments.of(
            "/baton", "help", List.of("/promote <app> <env>", "/rollback <env>", "/audit")),
        // an unknown command gets the list of commands
        Arguments.of(
            "/deploy", "everything", List.of("no command `/deploy`", "promote", "rollback")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("answeredInTheAcknowledgement")
  void aSignedSlashCommandIsAnsweredWithinTheAcknowledgement(
      String command, String text, List<String> says) {
    var sent = baton.slash(Fixtures.OUTSIDER, command, text);
    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.ackText()).contains(says);
  }

  @Test
  void aWrongSignatureIsRefusedWith401() {
    String body = SlackRequests.form("command", "/baton", "text", "help", "user_id", "U1");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    HttpResponse<String> r =
        baton.post(
            body,
            "application/x-www-form-urlencoded",
            ts,
            new SlackSigner("not-the-secret").sign(ts, body));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("invalid request");
  }

  @Test
  void aBodyChangedAfterSigningIsRefused() {
    String body = SlackRequests.form("command", "/baton", "text", "help", "user_id", "U1");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = new SlackSigner(BatonSlack.SECRET).sign(ts, body);
    HttpResponse<String> r =
        baton.post(body + "&x=1", "application/x-www-form-urlencoded", ts, sig);
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void aTimestampOlderThanFiveMinutesIsRefusedEvenWhenSignedRight() {
    String body = SlackRequests.form("command", "/baton", "text", "help", "user_id", "U1");
    String ts = Long.toString(System.currentTimeMillis() / 1000 - 6 * 60);
    HttpResponse<String> r =
        baton.post(
            body,
            "application/x-www-form-urlencoded",
            ts,
            new SlackSigner(BatonSlack.SECRET).sign(ts, body));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void missingSignatureHeadersAreRefused() {
    HttpResponse<String> r =
        baton.post(
            SlackRequests.form("command", "/baton", "text", "help"),
            "application/x-www-form-urlencoded",
            null,
            null);
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void theOfficialTestVectorIsStaleNow() {
    JsonObject v = SlackSignatureTest.vector();
    HttpResponse<String> r =
        baton.post(
            v.get("raw_body").getAsString(),
            "application/x-www-form-urlencoded",
            v.getAsJsonObject("headers").get("X-Slack-Request-Timestamp").getAsString(),
            v.get("expected_signature").getAsString());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void aSignedButUnreadablePayloadIs400() {
    HttpResponse<String> r =
        baton.postSigned("payload=%7Bnot-json", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(400);
    HttpResponse<String> r2 = baton.postSigned("{\"type\":", "application/json");
    assertThat(r2.statusCode()).isIn(400, 401);
  }

  @Test
  void anUnknownButtonIsExplainedAndChangesNothing() {
    var sent =
        baton.clickValue(
            Fixtures.OUTSIDER, "1.000001", BatonSlack.CHANNEL_ID, "launch_rockets", "now");
    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.replyText()).contains("does not know this button");
  }

  @Test
  void slacksUrlVerificationIsAnswered() {
    HttpResponse<String> r =
        baton.postSigned(
            "{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}",
            "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("c-123");
  }

  @Test
  void healthShowsSlackConfigured() {
    HttpResponse<String> r = baton.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject slack =
        JsonParser.parseString(r.body())
            .getAsJsonObject()
            .getAsJsonObject("details")
            .getAsJsonObject("slack");
    assertThat(slack.get("status").getAsString()).isEqualTo("UP");
    assertThat(slack.getAsJsonObject("details").get("slack").getAsString()).isEqualTo("configured");
  }

  @Test
  void withoutSlackSettingsBatonStartsAnswers503AndHealthSaysNotConfigured() throws Exception {
    Map<String, Object> none = new HashMap<>();
    none.put("baton.slack.signing-secret", "");
    none.put("baton.slack.bot-token", "");
    try (BatonSlack bare = new BatonSlack(none)) {
      HttpResponse<String> r =
          bare.postSigned("command=%2Fbaton", "application/x-www-form-urlencoded");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).doesNotContain(BatonSlack.SECRET);
      HttpResponse<String> health = bare.get("/health");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonObject h = JsonParser.parseString(health.body()).getAsJsonObject();
      assertThat(h.get("status").getAsString()).isEqualTo("UP");
      assertThat(
              h.getAsJsonObject("details")
                  .getAsJsonObject("slack")
                  .getAsJsonObject("details")
                  .get("slack")
                  .getAsString())
          .isEqualTo("not configured");
      assertThat(bare.context.containsBean(SlackChat.class)).isFalse();
    }
  }
}
