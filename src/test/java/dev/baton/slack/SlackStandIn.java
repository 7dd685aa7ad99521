package dev.baton.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local server standing in for the Slack Web API ({@code /api/<method>}) and for {@code
 * response_url}s ({@code /response/<id>}). It records every call, keeps the messages as Slack would
 * (posted, then updated in place) and the modals opened ({@code views.open}), and answers as Slack
 * does; it can also answer 429 with {@code Retry-After}, {@code ok:false} or an HTTP error status
 * for the next calls of a method, and stop listening altogether (connections refused) until told to
 * listen again.
 */
public final class SlackStandIn implements AutoCloseable {
  /** One call as received. */
  public record Call(String method, Map<String, String> params, String body, long atMillis) {
    public String param(String name) {
      return params.get(name);
    }

    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }
  }

  /** A message as Slack holds it now. */
  public static final class Message {
    public final String channel;
    public final String ts;
    public final String threadTs;
    public volatile String text;
    public volatile String blocks;
    public volatile String metadata;
    public final List<String> history = new ArrayList<>();

    Message(String channel, String ts, String threadTs, String text, String blocks) {
      this.channel = channel;
      this.ts = ts;
      this.threadTs = threadTs;
      this.text = text;
      this.blocks = blocks;
      history.add(blocks);
    }

    JsonArray blocksJson() {
      return blocks == null ? new JsonArray() : JsonParser.parseString(blocks).getAsJsonArray();
    }

    /** Every piece of text of the blocks, joined: what a reader sees. */
    public String visible() {
      StringBuilder b = new StringBuilder(text == null ? "" : text).append('\n');
      collect(blocksJson(), b);
      return b.toString();
    }

    /** The buttons, as action id → value. */
    List<JsonObject> buttons() {
      List<JsonObject> out = new ArrayList<>();
      for (var block : blocksJson()) {
        JsonObject o = block.getAsJsonObject();
        if (o.has("elements") && "actions".equals(o.get("type").getAsString())) {
          for (var e : o.getAsJsonArray("elements")) {
            out.add(e.getAsJsonObject());
          }
        }
      }
      return out;
    }

    JsonObject button(String actionId) {
      return buttons().stream()
          .filter(b -> b.get("action_id").getAsString().equals(actionId))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no button " + actionId + " in " + blocks));
    }

    /** The visible text of any Block Kit JSON (a view, a list of blocks). */
    static String visible(String json) {
      StringBuilder b = new StringBuilder();
      collect(JsonParser.parseString(json), b);
      return b.toString();
    }

    private static void collect(com.google.gson.JsonElement e, StringBuilder b) {
      if (e.isJsonObject()) {
        JsonObject o = e.getAsJsonObject();
        if (o.has("text") && o.get("text").isJsonPrimitive()) {
          b.append(o.get("text").getAsString()).append('\n');
        }
        for (var entry : o.entrySet()) {
          if (!entry.getKey().equals("text") || !entry.getValue().isJsonPrimitive()) {
            collect(entry.getValue(), b);
          }
        }
      } else if (e.isJsonArray()) {
        for (var x : e.getAsJsonArray()) {
          collect(x, b);
        }
      }
    }
  }

  /** A modal opened with {@code views.open}: the id and hash Slack gave it, and what was sent. */
  public record OpenedView(String id, String hash, String triggerId, JsonObject view) {}

  private final List<OpenedView> openedViews = new ArrayList<>();
  private HttpServer server;
  private final int port;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final Map<String, Deque<String>> faults = new HashMap<>();
  private final Map<String, List<String>> groups = new HashMap<>();
  private final AtomicLong ts = new AtomicLong(1_800_000_000_000100L);
  private volatile String socketUrl;

  public SlackStandIn() throws IOException {
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
    s.createContext("/api/", this::api);
    s.createContext("/response/", this::response);
    s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    s.start();
    return s;
  }

  /** Slack is unreachable: connections to the stand-in are refused until {@link #listenAgain}. */
  public synchronized void stopListening() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      server = null;
    }
  }

  /** Slack is back, on the same address, with every message it held (no-op when listening). */
  public synchronized void listenAgain() throws IOException {
    if (server == null) {
      server = listen(port);
    }
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + port + "/api/";
  }

  public String responseUrl(String id) {
    return "http://127.0.0.1:" + port + "/response/" + id;
  }

  void socketModeUrl(String url) {
    socketUrl = url;
  }

  void group(String id, String... users) {
    synchronized (this) {
      groups.put(id, List.of(users));
    }
  }

  /** The next {@code times} calls of {@code method} answer HTTP 429 with this Retry-After. */
  public synchronized void rateLimit(String method, int times, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add("429:" + retryAfterSeconds);
    }
  }

  /** The next {@code times} calls of {@code method} answer {@code ok:false} with this error. */
  public synchronized void fail(String method, int times, String error) {
    for (int i = 0; i < times; i++) {
      faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add("error:" + error);
    }
  }

  /** The next {@code times} calls of {@code method} answer this HTTP status (e.g. 503). */
  public synchronized void failHttp(String method, int times, int status) {
    for (int i = 0; i < times; i++) {
      faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add("http:" + status);
    }
  }

  /** Removes every fault not yet used. */
  public synchronized void heal() {
    faults.clear();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** The modals opened, oldest first. */
  public synchronized List<OpenedView> openedViews() {
    return List.copyOf(openedViews);
  }

  public synchronized List<Message> messages() {
    return List.copyOf(messages.values());
  }

  synchronized Message message(String ts) {
    return messages.get(ts);
  }

  /** Root messages (not in a thread). */
  public synchronized List<Message> roots() {
    return messages.values().stream().filter(m -> m.threadTs == null).toList();
  }

  public synchronized List<Message> replies(String threadTs) {
    return messages.values().stream().filter(m -> threadTs.equals(m.threadTs)).toList();
  }

  /** Waits until a condition over the stand-in holds. */
  void await(String what, Predicate<SlackStandIn> condition) {
    await(what, condition, Duration.ofSeconds(10));
  }

  /** Waits until a condition over the stand-in holds, at most {@code timeout}. */
  public void await(String what, Predicate<SlackStandIn> condition, Duration timeout) {
    long end = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < end) {
      if (condition.test(this)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("timed out waiting for: " + what + "\ncalls: " + describe());
  }

  public synchronized String describe() {
    StringBuilder b = new StringBuilder();
    for (Call c : calls) {
      b.append(c.method())
          .append(' ')
          .append(c.params().isEmpty() ? c.body() : c.params())
          .append('\n');
    }
    return b.toString();
  }

  private void api(HttpExchange ex) throws IOException {
    String method = ex.getRequestURI().getPath().substring("/api/".length());
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = form(body);
    String fault;
    synchronized (this) {
      calls.add(new Call(method, params, body, System.currentTimeMillis()));
      Deque<String> f = faults.get(method);
      fault = f == null ? null : f.poll();
    }
    if (fault != null && fault.startsWith("http:")) {
      send(ex, Integer.parseInt(fault.substring(5)), "<html>upstream unavailable</html>");
      return;
    }
    if (fault != null && fault.startsWith("429:")) {
      ex.getResponseHeaders().add("Retry-After", fault.substring(4));
      send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
      return;
    }
    if (fault != null) {
      send(ex, 200, "{\"ok\":false,\"error\":\"" + fault.substring(6) + "\"}");
      return;
    }
    send(ex, 200, answer(method, params));
  }

  private synchronized String answer(String method, Map<String, String> p) {
    switch (method) {
      case "auth.test":
        return "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"B1\"}";
      case "chat.postMessage":
        {
          String channel = channelId(p.get("channel"));
          String t = nextTs();
          Message posted =
              new Message(channel, t, p.get("thread_ts"), p.get("text"), p.get("blocks"));
          posted.metadata = p.get("metadata");
          messages.put(t, posted);
          return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + t + "\"}";
        }
      case "conversations.history":
      case "conversations.replies":
        {
          // Newest first, as Slack answers; metadata only with include_all_metadata.
          String channel = channelId(p.get("channel"));
          String thread = method.equals("conversations.replies") ? p.get("ts") : null;
          boolean withMetadata =
              java.util.Set.of("1", "true").contains(p.get("include_all_metadata"));
          JsonArray found = new JsonArray();
          List<Message> all = new ArrayList<>(messages.values());
          java.util.Collections.reverse(all);
          for (Message m : all) {
            boolean inPlace =
                thread == null
                    ? m.channel.equals(channel) && m.threadTs == null
                    : m.channel.equals(channel)
                        && (thread.equals(m.threadTs) || thread.equals(m.ts));
            if (inPlace) {
              JsonObject o = new JsonObject();
              o.addProperty("type", "message");
              o.addProperty("ts", m.ts);
              o.addProperty("text", m.text);
              if (withMetadata && m.metadata != null) {
                o.add("metadata", JsonParser.parseString(m.metadata));
              }
              found.add(o);
            }
          }
          JsonObject answer = new JsonObject();
          answer.addProperty("ok", true);
          answer.add("messages", found);
          answer.addProperty("has_more", false);
          return answer.toString();
        }
      case "chat.update":
        {
          Message m = messages.get(p.get("ts"));
          if (m == null || !m.channel.equals(p.get("channel"))) {
            return "{\"ok\":false,\"error\":\"message_not_found\"}";
          }
          m.text = p.get("text");
          m.blocks = p.get("blocks");
          m.history.add(m.blocks);
          return "{\"ok\":true,\"channel\":\"" + m.channel + "\",\"ts\":\"" + m.ts + "\"}";
        }
      case "chat.postEphemeral":
        return "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
      case "views.publish":
        return "{\"ok\":true,\"view\":{\"id\":\"V1\",\"type\":\"home\"}}";
      case "views.open":
        {
          if (p.get("trigger_id") == null || p.get("trigger_id").isBlank()) {
            return "{\"ok\":false,\"error\":\"invalid_trigger_id\"}";
          }
          JsonObject view = JsonParser.parseString(p.get("view")).getAsJsonObject();
          String id = "VMODAL" + (openedViews.size() + 1);
          String hash = "1800000000." + Integer.toHexString(view.toString().hashCode());
          openedViews.add(new OpenedView(id, hash, p.get("trigger_id"), view));
          JsonObject shown = view.deepCopy();
          shown.addProperty("id", id);
          shown.addProperty("hash", hash);
          return "{\"ok\":true,\"view\":" + shown + "}";
        }
      case "usergroups.users.list":
        {
          List<String> users = groups.get(p.get("usergroup"));
          if (users == null) {
            return "{\"ok\":false,\"error\":\"no_such_subteam\"}";
          }
          return "{\"ok\":true,\"users\":["
              + String.join(",", users.stream().map(u -> "\"" + u + "\"").toList())
              + "]}";
        }
      case "apps.connections.open":
        return socketUrl == null
            ? "{\"ok\":false,\"error\":\"not_allowed\"}"
            : "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
      default:
        return "{\"ok\":false,\"error\":\"unknown_method\"}";
    }
  }

  /** Channel names become IDs, as Slack answers a post to {@code #name} with the channel's ID. */
  public static String channelId(String channel) {
    if (channel == null) {
      return null;
    }
    return channel.startsWith("#")
        ? "C" + channel.substring(1).toUpperCase().replace("-", "")
        : channel;
  }

  private String nextTs() {
    long n = ts.incrementAndGet();
    return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
  }

  private void response(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      calls.add(
          new Call(
              "response_url " + ex.getRequestURI().getPath().substring("/response/".length()),
              Map.of(),
              body,
              System.currentTimeMillis()));
    }
    send(ex, 200, "ok");
  }

  /** Bodies posted to response URLs, oldest first. */
  public synchronized List<Call> responses() {
    return calls.stream().filter(c -> c.method().startsWith("response_url")).toList();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.isEmpty() || body.startsWith("{")) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public synchronized void close() {
    stopListening();
  }
}
