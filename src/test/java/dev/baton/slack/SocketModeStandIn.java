package dev.baton.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's end of Socket Mode on loopback, speaking its protocol: a {@code hello} on every new
 * connection, envelopes with an {@code envelope_id} that wait for an acknowledgement, {@code
 * disconnect} with a reason (and the close Slack sends a little later), and the ways a link breaks:
 * an abrupt drop (close 1006, no close frame), refused handshakes, connections that never say
 * hello. {@link SlackStandIn} hands out its URL from {@code apps.connections.open}.
 */
final class SocketModeStandIn extends WebSocketServer implements AutoCloseable {
  /** A connection Baton opened, with what it sent back. */
  record Link(int number, WebSocket socket, List<JsonObject> received) {}

  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final AtomicInteger handshakesToRefuse = new AtomicInteger();
  private final CountDownLatch listening = new CountDownLatch(1);
  private volatile boolean silent;

  SocketModeStandIn() throws InterruptedException {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
    start();
    if (!listening.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the Socket Mode stand-in did not start");
    }
  }

  /** Baton with an app-level token whose {@code apps.connections.open} names this stand-in. */
  BatonSlack baton(Map<String, Object> more) throws IOException {
    Map<String, Object> p = new HashMap<>(more);
    p.putIfAbsent("baton.slack.app-token", "xapp-test-token");
    p.putIfAbsent("baton.slack.socket-mode-retry", "2s");
    return new BatonSlack(p, s -> s.socketModeUrl(url()));
  }

  /** The URL {@code apps.connections.open} answers with. */
  String url() {
    return "ws://127.0.0.1:" + getPort() + "/link/?ticket=stand-in-ticket";
  }

  /** The next {@code n} handshakes are refused (HTTP 403 instead of the upgrade). */
  void refuseHandshakes(int n) {
    handshakesToRefuse.set(n);
  }

  /** New connections open but never say hello while true. */
  void silent(boolean silent) {
    this.silent = silent;
  }

  List<Link> links() {
    return List.copyOf(links);
  }

  /** The connection that said hello last and is still open, waiting up to {@code within}. */
  Link open(Duration within) {
    await("an open Socket Mode connection", () -> latestOpen() != null, within);
    return latestOpen();
  }

  private Link latestOpen() {
    for (int i = links.size() - 1; i >= 0; i--) {
      if (links.get(i).socket().isOpen()) {
        return links.get(i);
      }
    }
    return null;
  }

  /** Drops every connection as a broken network would: no close frame, code 1006 at Baton. */
  void dropAbruptly() {
    for (Link l : links) {
      if (l.socket().isOpen()) {
        l.socket().closeConnection(CloseFrame.ABNORMAL_CLOSE, "");
      }
    }
  }

  /** Slack's {@code disconnect} on {@code link}; Slack closes the link {@code closeAfter} later. */
  void disconnect(Link link, String reason, Duration closeAfter) {
    JsonObject m = new JsonObject();
    m.addProperty("type", "disconnect");
    m.addProperty("reason", reason);
    JsonObject debug = new JsonObject();
    debug.addProperty("host", "applink-stand-in");
    m.add("debug_info", debug);
    link.socket().send(m.toString());
    Thread closer =
        new Thread(
            () -> {
              BatonSlack.sleep(closeAfter.toMillis());
              link.socket().close(CloseFrame.NORMAL, "");
            });
    closer.setDaemon(true);
    closer.start();
  }

  /** The acknowledgements of {@code envelopeId} on every link so far. */
  List<JsonObject> acks(String envelopeId) {
    return links.stream()
        .flatMap(l -> l.received().stream())
        .filter(m -> m.has("envelope_id") && envelopeId.equals(m.get("envelope_id").getAsString()))
        .toList();
  }

  static void await(String what, BooleanSupplier condition, Duration within) {
    long end = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      BatonSlack.sleep(20);
    }
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    if (handshakesToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by the stand-in");
    }
    return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    Link link = new Link(links.size() + 1, conn, new CopyOnWriteArrayList<>());
    conn.setAttachment(link);
    links.add(link);
    if (!silent) {
      JsonObject hello = new JsonObject();
      hello.addProperty("type", "hello");
      hello.addProperty("num_connections", links.size());
      conn.send(hello.toString());
    }
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    Link link = conn.getAttachment();
    link.received().add(JsonParser.parseString(message).getAsJsonObject());
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  @Override
  public void onStart() {
    listening.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    stop(1000);
  }
}
