package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.fakes.Fixtures;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode: Baton opens the WebSocket the stand-in's {@code apps.connections.open} names, and
 * serves Slack's envelopes with the same listeners as HTTP, acknowledging each one.
 */
class SocketModeTest {
  /** Plays Slack's end of the socket: says hello, sends envelopes, records what comes back. */
  static final class FakeSlackSocket extends WebSocketServer {
    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    volatile WebSocket client;
    final java.util.concurrent.CountDownLatch listening =
        new java.util.concurrent.CountDownLatch(1);

    FakeSlackSocket() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      connections.incrementAndGet();
      client = conn;
      conn.send(Payloads.json("socket_mode_envelopes.json").getAsJsonObject("hello").toString());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      listening.countDown();
    }

    JsonObject ackOf(String envelopeId) {
      long end = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < end) {
        for (JsonObject m : received) {
          if (m.has("envelope_id") && m.get("envelope_id").getAsString().equals(envelopeId)) {
            return m;
          }
        }
        BatonSlack.sleep(20);
      }
      throw new AssertionError("no acknowledgement of " + envelopeId + "; got " + received);
    }
  }

  FakeSlackSocket socket;
  BatonSlack baton;

  @BeforeEach
  void start() throws Exception {
    socket = new FakeSlackSocket();
    socket.start();
    assertThat(socket.listening.await(20, java.util.concurrent.TimeUnit.SECONDS))
        .as("the fake Slack socket listens")
        .isTrue();
    String url = "ws://127.0.0.1:" + socket.getPort() + "/link/?ticket=FAKE-ticket";
    baton =
        new BatonSlack(
            Map.of(
                "baton.slack.app-token", "xapp-test-token", "baton.slack.socket-mode-retry", "2s"),
            s -> s.socketModeUrl(url));
    // a first attempt that races the stand-in's start is retried after 2 s: wait past that
    long connected = System.currentTimeMillis() + 20_000;
    while (socket.client == null && System.currentTimeMillis() < connected) {
      BatonSlack.sleep(20);
    }
    assertThat(socket.client).as("Baton connected over Socket Mode").isNotNull();
  }

  @AfterEach
  void stop() throws Exception {
    baton.close();
    socket.stop(1000);
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
    socket.client.send(e.toString());
    JsonObject ack = socket.ackOf(e.get("envelope_id").getAsString());
    assertThat(ack.getAsJsonObject("payload").get("text").getAsString())
        .contains("unknown environment `api`")
        .contains("Usage: `/rollback <env> [app] [tag]`");

    JsonObject help = envelope("slash_commands");
    help.addProperty("envelope_id", "help-1");
    help.getAsJsonObject("payload").addProperty("command", "/baton");
    help.getAsJsonObject("payload").addProperty("text", "help");
    socket.client.send(help.toString());
    assertThat(socket.ackOf("help-1").getAsJsonObject("payload").get("text").getAsString())
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
    socket.client.send(e.toString());
    JsonObject ack = socket.ackOf(e.get("envelope_id").getAsString());
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
  void anEventEnvelopeIsAcknowledgedAndAMentionAnswered() {
    baton.register(1);
    baton.settle();
    JsonObject e = envelope("events_api");
    e.getAsJsonObject("payload")
        .getAsJsonObject("event")
        .addProperty("text", "<@U0FAKEBOTU> status credreg");
    socket.client.send(e.toString());
    socket.ackOf(e.get("envelope_id").getAsString());
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
    socket.client.send(
        Payloads.json("socket_mode_envelopes.json").getAsJsonObject("disconnect").toString());
    long end = System.currentTimeMillis() + 15_000;
    while (socket.connections.get() < 2 && System.currentTimeMillis() < end) {
      BatonSlack.sleep(50);
    }
    assertThat(socket.connections.get()).isGreaterThanOrEqualTo(2);
    assertThat(baton.slack.calls("apps.connections.open").size()).isGreaterThanOrEqualTo(2);
  }
}
