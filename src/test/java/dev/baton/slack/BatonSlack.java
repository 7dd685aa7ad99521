package dev.baton.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeManifestRepository;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.FakeSmokeChecker;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.WakeUp;
import dev.baton.slack.listen.SlackApp;
import dev.baton.slack.notify.SlackChat;
import dev.baton.testing.Http;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton on a random port over an in-memory H2, with fakes for the registry, cluster and smoke
 * checks, a clock the test moves, and Slack's Web API played by {@link SlackStandIn}. Requests to
 * {@code /slack/events} are built and signed as Slack builds and signs them.
 *
 * <p>A listener specification uses {@link #withoutHttp()}: the same Baton with no HTTP server,
 * whose slash commands, clicks and events go, signed, straight to its Bolt {@code App} (as Bolt's
 * own tests run theirs), so that Bolt still verifies them. The tests of the HTTP door itself
 * ({@code /slack/events}, the three-second acknowledgement, the fuzzer) use {@code new
 * BatonSlack()} and {@link #post}.
 */
final class BatonSlack implements AutoCloseable {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5-test";
  static final String BOT_TOKEN = "xoxb-test-token";
  static final String CHANNEL = "#credreg-deploys";
  static final String CHANNEL_ID = SlackStandIn.channelId(CHANNEL);
  static final String RELEASE_GROUP = "SRELEASE";
  static final String FORM = "application/x-www-form-urlencoded";

  /** Set to {@code true}, Baton starts {@link NoHttpServer} instead of Netty. */
  static final String WITHOUT_HTTP = "test.slack.without-http";

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

  /** The Git branches of GitOps environments, with the stand-in controller applying them. */
  final Faults gitFaults = new Faults();

  final FakeManifestRepository git = new FakeManifestRepository(gitFaults, cluster);

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
            .singletons(new Fakes(registry, cluster, smoke, clock), git)
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

  /** Baton without its HTTP server: Slack's requests go straight to its Bolt app. */
  static BatonSlack withoutHttp() {
    return withoutHttp(Map.of());
  }

  static BatonSlack withoutHttp(Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>(overrides);
    props.put(WITHOUT_HTTP, true);
    BatonSlack baton;
    try {
      baton = new BatonSlack(props);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!(baton.server instanceof NoHttpServer)) {
      baton.close();
      throw new IllegalStateException("an HTTP server started in place of NoHttpServer");
    }
    return baton;
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

  // ---- what Baton did ----

  /** The release tag the inventory records in {@code env} for credreg. */
  String runs(String env) {
    return core()
        .ports()
        .store()
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  /** Registers build {@code n}, lets its bake in test pass and promotes it to sandbox. */
  void carryToSandbox(int n) {
    register(n);
    settle();
    passes(Duration.ofMinutes(30));
    core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    settle();
    if (!Fixtures.tag(n).equals(runs("sandbox"))) {
      throw new AssertionError("sandbox runs " + runs("sandbox") + "\n" + slack.describe());
    }
  }

  /** The deployer asks for prod (what runs in sandbox); returns the promotion's id, once quiet. */
  String requestProd() {
    String id =
        core().promotions().request("credreg", "prod", null, Fixtures.DEPLOYER).promotion().id();
    settle();
    return id;
  }

  /** The root message of release {@code tag}'s thread: there is exactly one. */
  SlackStandIn.Message root(String tag) {
    List<SlackStandIn.Message> roots =
        slack.roots().stream().filter(m -> m.visible().contains("credreg " + tag)).toList();
    if (roots.size() != 1) {
      throw new AssertionError(roots.size() + " root messages of " + tag + "\n" + slack.describe());
    }
    return roots.get(0);
  }

  /** The latest reply in {@code root}'s thread that shows {@code contains}. */
  SlackStandIn.Message reply(SlackStandIn.Message root, String contains) {
    List<SlackStandIn.Message> found =
        slack.replies(root.ts).stream().filter(m -> m.visible().contains(contains)).toList();
    if (found.isEmpty()) {
      throw new AssertionError("no reply with " + contains + "\n" + slack.describe());
    }
    return found.get(found.size() - 1);
  }

  /** The App Home view last published for {@code user}: its JSON, then its visible text. */
  String lastHomeOf(String user) {
    List<SlackStandIn.Call> publishes =
        slack.calls("views.publish").stream().filter(c -> user.equals(c.param("user_id"))).toList();
    if (publishes.isEmpty()) {
      throw new AssertionError("no App Home published for " + user + "\n" + slack.describe());
    }
    String view = publishes.get(publishes.size() - 1).param("view");
    return view + "\n" + SlackStandIn.Message.visible(view);
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
        SlackRequests.form(
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
    return new Sent(send(body, FORM), url);
  }

  /** Clicks a button on a message, as {@code user}. */
  Sent click(String user, SlackStandIn.Message message, String actionId) {
    JsonObject button = message.button(actionId);
    return clickValue(
        user, message.ts, message.channel, actionId, button.get("value").getAsString());
  }

  Sent clickValue(String user, String messageTs, String channel, String actionId, String value) {
    String url = newResponseUrl();
    String payload = SlackRequests.blockActions(user, messageTs, channel, actionId, value, url);
    return new Sent(send(SlackRequests.form("payload", payload), FORM), url);
  }

  /** Clicks a button on the App Home tab: the payload has a view and no response URL. */
  Answer clickInHome(String user, String actionId, String value) {
    JsonObject p =
        JsonParser.parseString(
                SlackRequests.blockActions(user, "0", CHANNEL_ID, actionId, value, null))
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
    return send(SlackRequests.form("payload", p.toString()), FORM);
  }

  /**
   * Submits the modal {@code opened} as {@code user}, as Slack sends it: {@code fields} are what
   * the person chose or typed, by block id (a select's value, a text, {@code "ticked"} for a
   * checkbox); a field left out keeps its initial value, as in Slack.
   */
  Answer submit(String user, SlackStandIn.OpenedView opened, Map<String, String> fields) {
    return send(
        SlackRequests.form("payload", viewSubmission(user, opened, fields).toString()), FORM);
  }

  /** The {@code view_submission} payload {@link #submit} sends. */
  static JsonObject viewSubmission(
      String user, SlackStandIn.OpenedView opened, Map<String, String> fields) {
    JsonObject view = opened.view().deepCopy();
    view.addProperty("id", opened.id());
    view.addProperty("hash", opened.hash());
    view.addProperty("team_id", "T1");
    view.addProperty("root_view_id", opened.id());
    view.addProperty("app_id", "A1");
    view.addProperty("bot_id", "B1");
    view.addProperty("external_id", "");
    if (!view.has("private_metadata")) {
      view.addProperty("private_metadata", "");
    }
    JsonObject values = new JsonObject();
    for (var b : view.getAsJsonArray("blocks")) {
      JsonObject block = b.getAsJsonObject();
      if (!"input".equals(block.get("type").getAsString())) {
        continue;
      }
      String id = block.get("block_id").getAsString();
      JsonObject element = block.getAsJsonObject("element");
      JsonObject value = new JsonObject();
      String type = element.get("type").getAsString();
      value.addProperty("type", type);
      String given = fields.get(id);
      switch (type) {
        case "static_select" -> {
          JsonObject option = null;
          if (given != null) {
            option = new JsonObject();
            option.add("text", json("type", "plain_text", "text", given));
            option.addProperty("value", given);
          } else if (element.has("initial_option")) {
            option = element.getAsJsonObject("initial_option");
          }
          value.add("selected_option", option);
        }
        case "checkboxes" -> {
          com.google.gson.JsonArray selected = new com.google.gson.JsonArray();
          if ("ticked".equals(given)) {
            selected.add(element.getAsJsonArray("options").get(0));
          }
          value.add("selected_options", selected);
        }
        default -> {
          String text =
              given != null
                  ? given
                  : element.has("initial_value")
                      ? element.get("initial_value").getAsString()
                      : null;
          value.addProperty("value", text);
        }
      }
      JsonObject byAction = new JsonObject();
      byAction.add(element.get("action_id").getAsString(), value);
      values.add(id, byAction);
    }
    JsonObject state = new JsonObject();
    state.add("values", values);
    view.add("state", state);
    JsonObject p =
        json(
            "type", "view_submission",
            "api_app_id", "A1",
            "token", "fake-legacy-verification-token",
            "trigger_id", "3333.4444.efgh");
    String name = user.toLowerCase();
    p.add("team", json("id", "T1", "domain", "example-co"));
    p.add("user", json("id", user, "username", name, "name", name, "team_id", "T1"));
    p.add("view", view);
    p.add("response_urls", new com.google.gson.JsonArray());
    p.addProperty("is_enterprise_install", false);
    p.add("enterprise", com.google.gson.JsonNull.INSTANCE);
    return p;
  }

  /** The modal Baton opened last; waits for it. */
  SlackStandIn.OpenedView openedView() {
    slack.await("a modal opened", s -> !s.openedViews().isEmpty());
    List<SlackStandIn.OpenedView> all = slack.openedViews();
    return all.get(all.size() - 1);
  }

  /** Sends an Events API callback with this event. */
  Answer event(JsonObject event, String eventId) {
    JsonObject p = new JsonObject();
    p.addProperty("token", "fake-legacy-verification-token");
    p.addProperty("team_id", "T1");
    p.addProperty("api_app_id", "A1");
    p.add("event", event);
    p.addProperty("type", "event_callback");
    p.addProperty("event_id", eventId);
    p.addProperty("event_time", System.currentTimeMillis() / 1000);
    return send(p.toString(), "application/json");
  }

  /** {@code user} opens Baton's App Home tab. */
  Answer openHome(String user, String eventId) {
    return event(
        json(
            "type", "app_home_opened",
            "user", user,
            "channel", "D1",
            "tab", "home",
            "event_ts", "1800000000.000001"),
        eventId);
  }

  /** {@code user} mentions Baton in the release channel, in a message of timestamp {@code ts}. */
  Answer mention(String user, String text, String ts, String eventId) {
    return event(
        json(
            "type", "app_mention",
            "user", user,
            "text", text,
            "ts", ts,
            "channel", CHANNEL_ID,
            "event_ts", ts),
        eventId);
  }

  /** A JSON object of these string fields, in pairs of name and value. */
  static JsonObject json(String... kv) {
    return SlackRequests.json(kv);
  }

  /**
   * Signs {@code body} as Slack does and hands it to Baton: over HTTP when its server runs, else
   * straight to its Bolt app.
   */
  Answer send(String body, String contentType) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String signature = new SlackSigner(SECRET).sign(ts, body);
    if (server instanceof NoHttpServer) {
      return toBolt(body, contentType, ts, signature);
    }
    HttpResponse<String> r = post(body, contentType, ts, signature);
    return new Answer(r.statusCode(), r.headers().map(), r.body());
  }

  /**
   * What {@code SlackEventsController} does with a request, without HTTP: the same headers and raw
   * body parsed by Bolt's parser and run through Baton's Bolt {@code App}, which verifies the
   * signature.
   */
  Answer toBolt(String body, String contentType, String ts, String signature) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("content-type", List.of(contentType));
    headers.put("x-slack-request-timestamp", List.of(ts));
    headers.put("x-slack-signature", List.of(signature));
    App app = context.getBean(SlackApp.class).app();
    Request<?> request =
        new SlackRequestParser(app.config())
            .parse(
                SlackRequestParser.HttpRequest.builder()
                    .requestUri(SlackEventsController.PATH)
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(body)
                    .remoteAddress("127.0.0.1")
                    .build());
    try {
      Response r = app.run(request);
      return new Answer(
          r.getStatusCode(),
          r.getHeaders() == null ? Map.of() : r.getHeaders(),
          r.getBody() == null ? "" : r.getBody());
    } catch (Exception e) {
      throw new IllegalStateException("Bolt failed on " + body, e);
    }
  }

  /** Signs {@code body} as Slack does and POSTs it to {@code /slack/events}. */
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
    return Http.send(http, r);
  }

  /** What Baton answered a Slack request with: over HTTP or from its Bolt app alike. */
  record Answer(int statusCode, Map<String, List<String>> headers, String body) {}

  /** A request sent to Baton: its answer, and the response URL it was given. */
  final class Sent {
    final Answer answer;
    final String responseUrl;

    Sent(Answer answer, String responseUrl) {
      this.answer = answer;
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
      return JsonParser.parseString(answer.body()).getAsJsonObject().get("text").getAsString();
    }
  }

  @Override
  public void close() {
    baton.close();
    slack.close();
  }
}
