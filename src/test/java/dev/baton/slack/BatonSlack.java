package dev.baton.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.FakeSmokeChecker;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.slack.notify.SlackChat;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton on a random port over an in-memory H2, with fakes for the registry, cluster and smoke
 * checks, a clock the test moves, and Slack's Web API played by {@link SlackStandIn}. Requests to
 * {@code /slack/events} are built and signed as Slack builds and signs them.
 */
final class BatonSlack implements AutoCloseable {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5-test";
  static final String BOT_TOKEN = "xoxb-test-token";
  static final String CHANNEL = "#credreg-deploys";
  static final String CHANNEL_ID = SlackStandIn.channelId(CHANNEL);
  static final String RELEASE_GROUP = "SRELEASE";

  /** The Micronaut environment in which {@link SlackTestBeans} replaces the real adapters. */
  static final String ENVIRONMENT = "slack-e2e";

  /** The fakes the context uses, handed to {@link SlackTestBeans}. */
  record Fakes(
      FakeRegistry registry, FakeCluster cluster, FakeSmokeChecker smoke, MutableClock clock) {}

  final SlackStandIn slack;
  final FakeRegistry registry = new FakeRegistry();
  final FakeCluster cluster = new FakeCluster();
  final FakeSmokeChecker smoke = new FakeSmokeChecker(new Faults());
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  final InProcessBaton baton;
  final ApplicationContext context;
  final EmbeddedServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger responses = new AtomicInteger();

  BatonSlack() throws IOException {
    this(Map.of());
  }

  BatonSlack(Map<String, Object> overrides) throws IOException {
    this(overrides, s -> {});
  }

  /**
   * @param beforeStart prepares the stand-in before Baton starts (Socket Mode's URL)
   */
  BatonSlack(Map<String, Object> overrides, java.util.function.Consumer<SlackStandIn> beforeStart)
      throws IOException {
    slack = new SlackStandIn();
    beforeStart.accept(slack);
    slack.group(RELEASE_GROUP, Fixtures.GROUP_MEMBER);
    Map<String, Object> props = new HashMap<>(WORLD.properties());
    props.put("baton.slack.signing-secret", SECRET);
    props.put("baton.slack.bot-token", BOT_TOKEN);
    props.put("baton.slack.api-url", slack.apiUrl());
    props.put("baton.slack.refresh-enabled", "false");
    props.putAll(overrides);
    props.values().removeIf(v -> v == null || "".equals(v));
    baton =
        InProcessBaton.builder()
            .properties(props)
            .singletons(new Fakes(registry, cluster, smoke, clock))
            .environments(ENVIRONMENT)
            .withServer()
            .start();
    context = baton.context();
    server = baton.server();
  }

  /**
   * credreg through test (auto-deploy) → sandbox (30 minutes of bake in test) → prod (2 approvals
   * from two people, the release group or the deployer; 24 h of bake; only the deployer asks).
   */
  static final TestWorld WORLD =
      TestWorld.credreg()
          .channel(CHANNEL)
          .withoutMigration()
          .withoutSmokeCheck()
          .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2, Fixtures.DEPLOYER, RELEASE_GROUP)
          .deployers("sandbox")
          .deployers("prod", Fixtures.DEPLOYER)
          .admins(Fixtures.ADMIN);

  PipelineCore core() {
    return context.getBean(PipelineCore.class);
  }

  SlackChat chat() {
    return context.getBean(SlackChat.class);
  }

  /** Pushes build {@code n}'s images and registers it, as CI does. */
  void register(int n) {
    registry.push("default", "credreg/main-app", Fixtures.digest("main-" + n));
    registry.push("default", "credreg/worker-app", Fixtures.digest("worker-" + n));
    core()
        .builds()
        .register(
            new RegisterBuild(
                "credreg",
                Fixtures.tag(n),
                String.format("%040x", n),
                "https://ci.example/runs/" + n,
                Map.of(
                    "main-app", Fixtures.digest("main-" + n),
                    "worker-app", Fixtures.digest("worker-" + n))),
            "ci");
  }

  /**
   * Waits until Baton is quiet: no promotion running, nothing waiting for Slack, and the stand-in
   * has received nothing new for a moment.
   */
  void settle() {
    long end = System.currentTimeMillis() + 15_000;
    // an approved promotion whose start is due is about to run: wait for it, for a few seconds
    long startsBy = System.currentTimeMillis() + 3_000;
    int quiet = 0;
    int lastCalls = -1;
    while (System.currentTimeMillis() < end) {
      int calls = slack.calls().size();
      boolean running =
          !core()
              .ports()
              .store()
              .read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING)))
              .isEmpty();
      boolean starting =
          System.currentTimeMillis() < startsBy
              && core().ports().store().read(r -> r.wakeUpsDue(clock.instant(), 100)).stream()
                  .anyMatch(w -> w.kind() == WakeUp.Kind.START);
      boolean busy = starting || chat().queue().backlog() > 0;
      quiet = !running && !busy && calls == lastCalls ? quiet + 1 : 0;
      if (quiet >= 4) {
        return;
      }
      lastCalls = calls;
      sleep(50);
    }
    throw new AssertionError("Baton did not settle\n" + slack.describe());
  }

  /** Time passes: the clock moves and the periodic sweep runs once. */
  void passes(Duration d) {
    clock.advance(d);
    core().sweeper().sweep();
    settle();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- requests as Slack sends them ----

  /** A response URL on the stand-in, unique per request. */
  String newResponseUrl() {
    return slack.responseUrl("r" + responses.incrementAndGet());
  }

  /** Sends {@code /command text} as {@code user}; returns the response URL given to Baton. */
  Sent slash(String user, String command, String text) {
    String url = newResponseUrl();
    String body =
        form(
            "token", "fake-legacy-verification-token",
            "team_id", "T1",
            "team_domain", "example-co",
            "channel_id", CHANNEL_ID,
            "channel_name", "credreg-deploys",
            "user_id", user,
            "user_name", user.toLowerCase(),
            "command", command,
            "text", text,
            "api_app_id", "A1",
            "is_enterprise_install", "false",
            "response_url", url,
            "trigger_id", "1111.2222.abcd");
    return new Sent(postSigned(body, "application/x-www-form-urlencoded"), url);
  }

  /** Clicks a button on a message, as {@code user}. */
  Sent click(String user, SlackStandIn.Message message, String actionId) {
    JsonObject button = message.button(actionId);
    return clickValue(
        user, message.ts, message.channel, actionId, button.get("value").getAsString());
  }

  Sent clickValue(String user, String messageTs, String channel, String actionId, String value) {
    String url = newResponseUrl();
    String payload = blockActions(user, messageTs, channel, actionId, value, url);
    return new Sent(postSigned(form("payload", payload), "application/x-www-form-urlencoded"), url);
  }

  /** Clicks a button on the App Home tab: the payload has a view and no response URL. */
  HttpResponse<String> clickInHome(String user, String actionId, String value) {
    JsonObject p =
        JsonParser.parseString(blockActions(user, "0", CHANNEL_ID, actionId, value, null))
            .getAsJsonObject();
    p.remove("response_url");
    p.remove("channel");
    JsonObject container = new JsonObject();
    container.addProperty("type", "view");
    container.addProperty("view_id", "V1");
    p.add("container", container);
    JsonObject view = new JsonObject();
    view.addProperty("id", "V1");
    view.addProperty("type", "home");
    p.add("view", view);
    return postSigned(form("payload", p.toString()), "application/x-www-form-urlencoded");
  }

  static String blockActions(
      String user, String messageTs, String channel, String actionId, String value, String url) {
    JsonObject p = new JsonObject();
    p.addProperty("type", "block_actions");
    JsonObject u = new JsonObject();
    u.addProperty("id", user);
    u.addProperty("username", user.toLowerCase());
    u.addProperty("name", user.toLowerCase());
    u.addProperty("team_id", "T1");
    p.add("user", u);
    p.addProperty("api_app_id", "A1");
    p.addProperty("token", "fake-legacy-verification-token");
    JsonObject container = new JsonObject();
    container.addProperty("type", "message");
    container.addProperty("message_ts", messageTs);
    container.addProperty("channel_id", channel);
    container.addProperty("is_ephemeral", false);
    p.add("container", container);
    p.addProperty("trigger_id", "1111.2222.abcd");
    JsonObject team = new JsonObject();
    team.addProperty("id", "T1");
    team.addProperty("domain", "example-co");
    p.add("team", team);
    p.addProperty("is_enterprise_install", false);
    JsonObject ch = new JsonObject();
    ch.addProperty("id", channel);
    ch.addProperty("name", "credreg-deploys");
    p.add("channel", ch);
    if (url != null) {
      p.addProperty("response_url", url);
    }
    JsonObject action = new JsonObject();
    action.addProperty("action_id", actionId);
    action.addProperty("block_id", "b1");
    action.addProperty("type", "button");
    action.addProperty("value", value);
    action.addProperty("action_ts", Long.toString(System.currentTimeMillis() / 1000) + ".000001");
    com.google.gson.JsonArray actions = new com.google.gson.JsonArray();
    actions.add(action);
    p.add("actions", actions);
    return p.toString();
  }

  /** Sends an Events API callback with this event. */
  HttpResponse<String> event(JsonObject event, String eventId) {
    JsonObject p = new JsonObject();
    p.addProperty("token", "fake-legacy-verification-token");
    p.addProperty("team_id", "T1");
    p.addProperty("api_app_id", "A1");
    p.add("event", event);
    p.addProperty("type", "event_callback");
    p.addProperty("event_id", eventId);
    p.addProperty("event_time", System.currentTimeMillis() / 1000);
    return postSigned(p.toString(), "application/json");
  }

  HttpResponse<String> postSigned(String body, String contentType) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return post(body, contentType, ts, new SlackSigner(SECRET).sign(ts, body));
  }

  HttpResponse<String> post(String body, String contentType, String ts, String signature) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + SlackEventsController.PATH))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (ts != null) {
      b.header("X-Slack-Request-Timestamp", ts);
    }
    if (signature != null) {
      b.header("X-Slack-Signature", signature);
    }
    return send(b.build());
  }

  HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
            .GET()
            .build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String form(String... kv) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** A request sent to Baton: its HTTP answer, and the response URL it was given. */
  final class Sent {
    final HttpResponse<String> http;
    final String responseUrl;

    Sent(HttpResponse<String> http, String responseUrl) {
      this.http = http;
      this.responseUrl = responseUrl;
    }

    /** The first reply Baton posted to this request's response URL. */
    JsonObject reply() {
      String id = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
      slack.await(
          "a reply to " + id,
          s -> s.responses().stream().anyMatch(c -> c.method().equals("response_url " + id)));
      return slack.responses().stream()
          .filter(c -> c.method().equals("response_url " + id))
          .findFirst()
          .map(c -> JsonParser.parseString(c.body()).getAsJsonObject())
          .orElseThrow();
    }

    String replyText() {
      return reply().get("text").getAsString();
    }

    /** The text of an immediate answer in the acknowledgement. */
    String ackText() {
      return JsonParser.parseString(http.body()).getAsJsonObject().get("text").getAsString();
    }
  }

  @Override
  public void close() {
    baton.close();
    slack.close();
  }
}
