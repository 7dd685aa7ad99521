package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.baton.slack.SocketModeStandIn.Link;
import dev.baton.slack.socket.SocketModeRunner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket Mode never gives up: after every kind of loss Baton opens a new connection (one {@code
 * apps.connections.open} each), counts as connected only from Slack's {@code hello}, answers an
 * envelope Slack delivers again without running it twice, and {@code /health} says DOWN while the
 * link has been down for longer than {@code baton.slack.unhealthy-after}.
 */
class SocketModeReconnectTest {
  /** The target: back within ten seconds of Slack being reachable again. */
  private static final Duration BACK_WITHIN = Duration.ofSeconds(10);

  SocketModeStandIn socket;
  BatonSlack baton;

  @BeforeEach
  void start() throws Exception {
    socket = new SocketModeStandIn();
    baton = socket.baton(Map.of("baton.slack.unhealthy-after", "30s"));
    socket.open(BACK_WITHIN);
  }

  @AfterEach
  void stop() throws Exception {
    baton.close();
    socket.close();
  }

  private SocketModeRunner runner() {
    return baton.context.getBean(SocketModeRunner.class);
  }

  private int opens() {
    return baton.slack.calls("apps.connections.open").size();
  }

  private void awaitConnected(String what) {
    SocketModeStandIn.await(what, () -> runner().status().connected(), BACK_WITHIN);
  }

  @Test
  void oneConnectionOpenedWithOneCallAndConnectedFromTheHello() {
    awaitConnected("the first hello");
    assertThat(opens()).as("apps.connections.open calls for one connection").isEqualTo(1);
    assertThat(socket.links()).hasSize(1);
    assertThat(runner().status().problem()).isNull();
  }

  @Test
  void anAbruptDropFollowedByAFailedOpenIsReconnected() {
    awaitConnected("the first hello");
    baton.slack.fail("apps.connections.open", 1, "internal_error");
    long dropped = System.nanoTime();
    socket.dropAbruptly();

    Link second = socket.open(BACK_WITHIN.plusSeconds(2)); // the failed open costs one pause
    awaitConnected("the connection after the drop");
    assertThat(second.number()).isEqualTo(2);
    Duration back = Duration.ofNanos(System.nanoTime() - dropped);
    System.out.printf(
        "SocketModeReconnectTest: connected again %d ms after an abrupt drop and a failed open%n",
        back.toMillis());
    assertThat(back).isLessThan(BACK_WITHIN);
    assertThat(opens()).as("first, failed, second").isEqualTo(3);
  }

  @Test
  void refusedHandshakesRateLimitsAndSilentConnectionsAreAllRetried() {
    awaitConnected("the first hello");
    socket.refuseHandshakes(1);
    baton.slack.rateLimit("apps.connections.open", 1, 1);
    socket.dropAbruptly();

    socket.open(Duration.ofSeconds(20));
    awaitConnected("a connection after a refusal and a rate limit");
    assertThat(socket.links()).hasSize(2); // the refused handshake never became a link
    assertThat(opens()).isEqualTo(4); // first, rate-limited, refused, accepted
  }

  @ParameterizedTest
  @ValueSource(strings = {"refresh_requested", "warning", "too_many_websockets"})
  void aDisconnectMessageOpensTheNextConnectionBeforeTheOldOneCloses(String reason) {
    Link first = socket.open(BACK_WITHIN);
    socket.disconnect(first, reason, Duration.ofSeconds(3));
    SocketModeStandIn.await(
        "a second connection while the first is still open",
        () -> socket.links().size() == 2,
        BACK_WITHIN);
    Link second = socket.links().get(1);
    assertThat(second.socket().isOpen()).isTrue();
    // An envelope on the new link is served although the old one still stands.
    JsonObject help = helpCommand("after-" + reason);
    second.socket().send(help.toString());
    SocketModeStandIn.await(
        "the acknowledgement", () -> socket.acks("after-" + reason).size() == 1, BACK_WITHIN);
    SocketModeStandIn.await(
        "the retired link closed", () -> !first.socket().isOpen(), Duration.ofSeconds(10));
    assertThat(opens()).isEqualTo(2);
    assertThat(runner().status().connected()).isTrue();
  }

  @Test
  void anEnvelopeDeliveredAgainAfterALostLinkIsAcknowledgedButRunOnce() {
    Link first = socket.open(BACK_WITHIN);
    JsonObject mention = mention("redelivered-1");
    first.socket().send(mention.toString());
    SocketModeStandIn.await(
        "the first acknowledgement", () -> socket.acks("redelivered-1").size() == 1, BACK_WITHIN);
    socket.dropAbruptly();
    Link second = socket.open(BACK_WITHIN.plusSeconds(2));
    mention.addProperty("retry_attempt", 1);
    mention.addProperty("retry_reason", "timeout");
    second.socket().send(mention.toString());
    SocketModeStandIn.await(
        "the second acknowledgement", () -> socket.acks("redelivered-1").size() == 2, BACK_WITHIN);
    baton.settle();

    assertThat(second.received()).filteredOn(m -> m.has("envelope_id")).hasSize(1);
    assertThat(
            baton.slack.calls("chat.postMessage").stream()
                .filter(c -> "1718000200.000300".equals(c.param("thread_ts")))
                .count())
        .as("answers to the mention")
        .isEqualTo(1);
  }

  @Test
  void healthSaysDownOnceTheLinkIsDownLongerThanTheSettingAndUpWhenItIsBack() {
    awaitConnected("the first hello");
    assertThat(baton.get("/health").statusCode()).isEqualTo(200);

    baton.slack.fail("apps.connections.open", 1_000, "internal_error");
    socket.dropAbruptly();
    SocketModeStandIn.await(
        "the link seen down", () -> !runner().status().connected(), BACK_WITHIN);
    assertThat(baton.get("/health").statusCode()).as("down, not yet for long").isEqualTo(200);

    baton.clock.advance(Duration.ofSeconds(31));
    // the first reconnection attempt comes a second or so after the drop (later on a busy machine)
    SocketModeStandIn.await(
        "the refused apps.connections.open seen",
        () -> baton.get("/health").body().contains("apps.connections.open"),
        BACK_WITHIN);
    HttpResponse<String> down = baton.get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body())
        .contains("\"socketMode\":\"down since")
        .contains("apps.connections.open");

    baton.slack.heal();
    awaitConnected("the link back after Slack is");
    HttpResponse<String> up = baton.get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"socketMode\":\"connected since");
  }

  @Test
  void withoutASigningSecretSlackEventsSaysItIsServedOverSocketModeAndNamesTheSetting()
      throws Exception {
    try (BatonSlack socketOnly = socket.baton(Map.of("baton.slack.signing-secret", ""))) {
      HttpResponse<String> r =
          socketOnly.post("payload=%7B%7D", "application/x-www-form-urlencoded", null, null);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body())
          .contains("over Socket Mode")
          .contains("baton.slack.signing-secret")
          .doesNotContain("not configured");
    }
  }

  private static JsonObject helpCommand(String envelopeId) {
    JsonObject e = Payloads.json("socket_mode_envelopes.json").getAsJsonObject("slash_commands");
    e = e.deepCopy();
    e.addProperty("envelope_id", envelopeId);
    e.getAsJsonObject("payload").addProperty("command", "/baton");
    e.getAsJsonObject("payload").addProperty("text", "help");
    return e;
  }

  private JsonObject mention(String envelopeId) {
    baton.register(1);
    baton.settle();
    JsonObject e = Payloads.json("socket_mode_envelopes.json").getAsJsonObject("events_api");
    e = e.deepCopy();
    e.addProperty("envelope_id", envelopeId);
    e.getAsJsonObject("payload")
        .getAsJsonObject("event")
        .addProperty("text", "<@U0FAKEBOTU> status credreg");
    return e;
  }
}
