package dev.baton.slack.socket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One Socket Mode WebSocket, opened at the URL one {@code apps.connections.open} gave. It reads
 * Slack's three kinds of message — {@code hello}, {@code disconnect} and envelopes carrying an
 * {@code envelope_id} — and hands each to {@link Events}; it never reconnects by itself (the {@link
 * SocketModeRunner} decides that).
 */
final class SocketModeSession extends WebSocketClient {
  /** Java-WebSocket pings this often and closes the socket when no pong came in 1.5× of it. */
  static final int CONNECTION_LOST_SECONDS = 20;

  /**
   * What a session tells its runner, on the WebSocket's own thread; the {@code hello} is awaited
   * instead ({@link #awaitHello}).
   */
  interface Events {
    void disconnectAsked(SocketModeSession session, String reason);

    void envelope(SocketModeSession session, String envelopeId, String message);

    void closed(SocketModeSession session, int code, String reason);
  }

  private final int number;
  private final Events events;
  private final CountDownLatch hello = new CountDownLatch(1);

  SocketModeSession(URI uri, int number, Events events) {
    super(uri);
    this.number = number;
    this.events = events;
    setConnectionLostTimeout(CONNECTION_LOST_SECONDS);
  }

  /** The how-manieth connection of this process, for the log. */
  int number() {
    return number;
  }

  /** Waits for Slack's {@code hello}, which is when a connection is usable. */
  boolean awaitHello(long millis) throws InterruptedException {
    return hello.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpen(ServerHandshake handshake) {
    // Not usable yet: Slack says hello when it is.
  }

  @Override
  public void onMessage(String message) {
    JsonObject json = parse(message);
    if (json == null) {
      return;
    }
    String type = text(json, "type");
    if ("hello".equals(type)) {
      hello.countDown();
    } else if ("disconnect".equals(type)) {
      events.disconnectAsked(this, text(json, "reason"));
    } else if (text(json, "envelope_id") != null) {
      events.envelope(this, text(json, "envelope_id"), message);
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    events.closed(this, code, reason);
  }

  @Override
  public void onError(Exception e) {
    // onClose follows every error that ends the connection; nothing else to do here.
  }

  private static JsonObject parse(String message) {
    try {
      JsonElement e = JsonParser.parseString(message);
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (JsonSyntaxException e) {
      return null;
    }
  }

  private static String text(JsonObject json, String key) {
    JsonElement e = json.get(key);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }
}
