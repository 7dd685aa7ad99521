package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.baton.fakes.Fixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode: Baton opens the WebSocket the stand-in's {@code apps.connections.open} names, and
 * serves Slack's envelopes with the same listeners as HTTP, acknowledging each one.
 */
class SocketModeTest {
  SocketModeStandIn socket;
  BatonSlack baton;
  SocketModeStandIn.Link link;

  @BeforeEach
  void start() throws Exception {
    socket = new SocketModeStandIn();
    baton = socket.baton(Map.of());
    link = socket.open(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() throws Exception {
    baton.close();
    socket.close();
  }

  /** The acknowledgement of {@code envelopeId}, waiting for it. */
  private JsonObject ackOf(String envelopeId) {
    SocketModeStandIn.await(
        "the acknowledgement of " + envelopeId,
        () -> !socket.acks(envelopeId).isEmpty(),
        Duration.ofSeconds(10));
    return socket.acks(envelopeId).get(0);
  }

  /** One of the reference envelopes, with its response URL pointed at the stand-in. */
  private JsonObject envelope(String name) {
    JsonObject e = Payloads.json("socket_mode_envelopes.json").getAsJsonObject(name).deepCopy();
    JsonObject payload = e.getAsJsonObject("payload");
    if (payload.has("response_url")) {
      payload.addProperty("response_url", baton.newResponseUrl());
    }
    return e;
  }

  @Test
  void aSlashCommandEnvelopeIsAcknowledgedWithItsAnswer() {
    JsonObject e = envelope("slash_commands");
    // The reference envelope asks "/rollback api prod": api is no environment here.
    link.socket().send(e.toString());
    JsonObject ack = ackOf(e.get("envelope_id").getAsString());
    assertThat(ack.getAsJsonObject("payload").get("text").getAsString())
        .contains("unknown environment `api`")
        .contains("Usage: `/rollback <env> [app] [tag]`");

    JsonObject help = envelope("slash_commands");
    help.addProperty("envelope_id", "help-1");
    help.getAsJsonObject("payload").addProperty("command", "/baton");
    help.getAsJsonObject("payload").addProperty("text", "help");
    link.socket().send(help.toString());
    assertThat(ackOf("help-1").getAsJsonObject("payload").get("text").getAsString())
        .contains("/promote <app> <env> [tag]");
  }

  @Test
  void aButtonEnvelopeIsAcknowledgedAndAnsweredThroughItsResponseUrl() {
    JsonObject e = envelope("interactive");
    String url = e.getAsJsonObject("payload").get("response_url").getAsString();
    // The reference click uses Baton's own Approve action id only when it is Baton's button.
    e.getAsJsonObject("payload")
        .getAsJsonArray("actions")
        .get(0)
        .getAsJsonObject()
        .addProperty("action_id", "baton_approve");
    link.socket().send(e.toString());
    JsonObject ack = ackOf(e.get("envelope_id").getAsString());
    assertThat(
            ack.has("payload")
                && !ack.get("payload").isJsonNull()
                && ack.getAsJsonObject("payload").size() > 0)
        .isFalse();
    String id = url.substring(url.lastIndexOf('/') + 1);
    baton.slack.await(
        "the answer to the click",
        s -> s.responses().stream().anyMatch(c -> c.method().equals("response_url " + id)));
    assertThat(
            baton.slack.responses().stream()
                .filter(c -> c.method().equals("response_url " + id))
                .findFirst()
                .orElseThrow()
                .body())
        .contains("no promotion req_01HZX3K9");
  }

  @Test
  void thePromotionRequestModalOpensAndItsErrorsComeInTheAcknowledgement() {
    JsonObject command = envelope("slash_commands");
    command.addProperty("envelope_id", "promote-1");
    command.getAsJsonObject("payload").addProperty("command", "/promote");
    command.getAsJsonObject("payload").addProperty("text", "");
    link.socket().send(command.toString());
    ackOf("promote-1");
    SlackStandIn.OpenedView opened = baton.openedView();
    assertThat(opened.view().get("callback_id").getAsString()).isEqualTo("baton.promote-request");

    JsonObject submission = new JsonObject();
    submission.addProperty("envelope_id", "submit-1");
    submission.addProperty("type", "interactive");
    submission.addProperty("accepts_response_payload", true);
    submission.add(
        "payload",
        BatonSlack.viewSubmission(
            Fixtures.DEPLOYER,
            opened,
            Map.of("app", "credreg", "env", "prod", "break_glass", "ticked")));
    link.socket().send(submission.toString());
    JsonObject payload = ackOf("submit-1").getAsJsonObject("payload");
    assertThat(payload.get("response_action").getAsString()).isEqualTo("errors");
    assertThat(payload.getAsJsonObject("errors").get("reason").getAsString())
        .contains("Breaking glass needs a reason");
  }

  @Test
  void anEventEnvelopeIsAcknowledgedAndAMentionAnswered() {
    baton.register(1);
    baton.settle();
    JsonObject e = envelope("events_api");
    e.getAsJsonObject("payload")
        .getAsJsonObject("event")
        .addProperty("text", "<@U0FAKEBOTU> status credreg");
    link.socket().send(e.toString());
    ackOf(e.get("envelope_id").getAsString());
    baton.slack.await(
        "the status answer in the thread",
        s ->
            s.calls("chat.postMessage").stream()
                .anyMatch(
                    c ->
                        "1718000200.000300".equals(c.param("thread_ts"))
                            && c.param("text").contains("*credreg*")));
    assertThat(Fixtures.tag(1)).isNotNull();
  }

  @Test
  void afterADisconnectMessageBatonConnectsAgain() {
    link.socket()
        .send(Payloads.json("socket_mode_envelopes.json").getAsJsonObject("disconnect").toString());
    // Slack's own disconnect message (reference payload): one new connection, one new open call
    SocketModeStandIn.await(
        "a second connection", () -> socket.links().size() == 2, Duration.ofSeconds(15));
    SocketModeStandIn.await(
        "the first connection retired", () -> !link.socket().isOpen(), Duration.ofSeconds(15));
    assertThat(socket.links()).hasSize(2);
    assertThat(baton.slack.calls("apps.connections.open")).hasSize(2);
  }
}
