package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.FuzzBudget;
import dev.baton.fakes.LogCapture;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Fuzzes {@code /slack/events} with correctly signed slash commands, button clicks and events from
 * people the pipeline does not authorise, and with malformed requests. Whatever arrives: never a
 * 5xx, nothing logged as an error or with a stack trace, the pipeline unchanged (only audited
 * denials are added), and nothing Baton answers — over HTTP or through Slack — looks like a stack
 * trace.
 *
 * <p>Each try is an HTTP round trip plus waiting for Slack work to finish, so CI runs a short
 * budget; {@code -Djqwik.tries.default=N} runs N tries of each property (docs/testing.md).
 */
@PropertyDefaults(tries = 80)
@AddLifecycleHook(value = FuzzBudget.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class SlackEventsFuzzTest {
  /** Threads of the {@code slack-work} executor ({@code SlackWiring}). */
  private static final int WORKERS = 4;

  private static final Set<Integer> EXPECTED = Set.of(200, 400, 401, 404, 413, 415);
  private static BatonSlack baton;
  private static LogCapture logs;
  private static String pendingProd;

  @BeforeContainer
  static void start() throws Exception {
    // Every environment lists its deployers, so that no generated sender may act anywhere. The
    // executor metrics are off so that the Slack work executor can be watched for idleness.
    baton =
        new BatonSlack(
            Map.of(
                "micronaut.metrics.binders.executor.enabled", "false",
                "baton.environments.test.policy.deployers", List.of(Fixtures.DEPLOYER),
                "baton.environments.sandbox.policy.deployers", List.of(Fixtures.DEPLOYER)));
    // Release 1 runs in test and sandbox and waits for approval into prod; release 2 runs in test.
    baton.register(1);
    baton.settle();
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.passes(Duration.ofMinutes(31));
    baton.passes(Duration.ofHours(25));
    Promotion p =
        baton.core().promotions().request("credreg", "prod", null, Fixtures.DEPLOYER).promotion();
    baton.core().promotions().approve(p.id(), Fixtures.APPROVER_1);
    pendingProd = p.id();
    baton.register(2);
    baton.settle();
    PromotionState state =
        baton.core().ports().store().read(r -> r.promotion(pendingProd)).orElseThrow().state();
    assertThat(state).isEqualTo(PromotionState.PENDING_APPROVAL);
    logs = LogCapture.attach(Level.INFO);
  }

  @AfterContainer
  static void stop() {
    logs.close();
    baton.close();
  }

  @Property
  void signedSlashCommandsNeverBreakAnything(@ForAll("slashCommands") List<String> fields) {
    exchange(
        () ->
            baton.postSigned(
                SlackRequests.form(fields.toArray(String[]::new)),
                "application/x-www-form-urlencoded"));
  }

  @Property
  void signedButtonClicksNeverBreakAnything(@ForAll("clicks") String payload) {
    exchange(
        () ->
            baton.postSigned(
                SlackRequests.form("payload", payload), "application/x-www-form-urlencoded"));
  }

  @Property
  void signedModalSubmissionsNeverBreakAnything(@ForAll("submissions") String payload) {
    HttpResponse<String> r =
        exchange(
            () ->
                baton.postSigned(
                    SlackRequests.form("payload", payload), "application/x-www-form-urlencoded"));
    // a payload Bolt can read is acknowledged empty (the modal closes) or with errors in it
    assertThat(
            r.statusCode() != 200
                || r.body().isEmpty()
                || r.body().contains("\"response_action\":\"errors\""))
        .as("%d %s", r.statusCode(), r.body())
        .isTrue();
  }

  @Property
  void signedEventsNeverBreakAnything(@ForAll("events") String json) {
    exchange(() -> baton.postSigned(json, "application/json"));
  }

  @Property
  void signedTruncatedOrRawBodiesNeverBreakAnything(
      @ForAll("anyBody") String body, @ForAll("cuts") double cut, @ForAll("types") String type) {
    String truncated = body.substring(0, (int) (body.length() * cut));
    exchange(() -> baton.postSigned(truncated, type));
  }

  @Property
  void unsignedOrStaleRequestsAreRefusedAndDoNothing(
      @ForAll("anyBody") String body, @ForAll("forgeries") Forgery forgery) {
    int calls = messagesToSlack();
    long audit = auditHead();
    HttpResponse<String> r = exchange(() -> forgery.send(body));
    if (("&" + body).contains("&ssl_check=1")) {
      // Slack's certificate check: Bolt answers it with an empty 200 before verifying anything.
      assertThat(r.statusCode()).isIn(200, 401);
      assertThat(r.statusCode() == 200 ? r.body() : "").isEmpty();
    } else {
      assertThat(r.statusCode()).as("%s %s → %s", forgery, body, r.body()).isEqualTo(401);
    }
    assertThat(auditHead()).as("a refused request writes nothing").isEqualTo(audit);
    assertThat(messagesToSlack()).as("a refused request makes Baton say nothing").isEqualTo(calls);
  }

  /**
   * Calls to Slack other than {@code auth.test}, which Bolt makes once on its own when it serves
   * its first request, whatever that request is.
   */
  private static int messagesToSlack() {
    return (int) baton.slack.calls().stream().filter(c -> !c.method().equals("auth.test")).count();
  }

  /** Sends one request and checks every property that must hold for any input. */
  private static HttpResponse<String> exchange(Supplier<HttpResponse<String>> request) {
    int calls = baton.slack.calls().size();
    int logged = logs.size();
    long audit = auditHead();
    String before = snapshot();
    HttpResponse<String> r = request.get();
    quiet();
    assertThat(EXPECTED).as("status %d: %s", r.statusCode(), r.body()).contains(r.statusCode());
    assertNoStackTrace("the HTTP answer", r.body());
    for (SlackStandIn.Call c : baton.slack.calls().subList(calls, baton.slack.calls().size())) {
      assertNoStackTrace("what Baton sent to Slack (" + c.method() + ")", c.body());
    }
    for (LogCapture.Line line : logs.since(logged)) {
      assertThat(line.level()).as("logged: %s", line.text()).isNotEqualTo(Level.ERROR);
      assertThat(line.hasThrowable()).as("logged with a stack trace: %s", line.text()).isFalse();
    }
    assertThat(snapshot()).as("the pipeline is unchanged").isEqualTo(before);
    List<AuditEvent> added = baton.core().ports().store().auditFrom(audit + 1, 1_000);
    assertThat(added)
        .as("only denials are audited")
        .allSatisfy(e -> assertThat(e.action()).startsWith("denied."));
    return r;
  }

  private static void assertNoStackTrace(String where, String text) {
    assertThat(text)
        .as(where)
        .doesNotContain("Exception")
        .doesNotContain("at dev.baton")
        .doesNotContain("Caused by")
        .doesNotContain("\tat ");
  }

  /**
   * Waits until the work after the acknowledgement and the Slack deliveries are done. The work
   * executor has {@link #WORKERS} threads and a FIFO queue: once as many barrier tasks all run at
   * once, every task submitted before them has finished.
   */
  private static void quiet() {
    ExecutorService work =
        baton.context.getBean(ExecutorService.class, Qualifiers.byName("slack-work"));
    CyclicBarrier barrier = new CyclicBarrier(WORKERS);
    List<Future<Integer>> all = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      all.add(work.submit(() -> barrier.await(15, TimeUnit.SECONDS)));
    }
    try {
      for (Future<Integer> f : all) {
        f.get(20, TimeUnit.SECONDS);
      }
      assertThat(baton.chat().queue().awaitIdle(Duration.ofSeconds(10)))
          .as("Slack deliveries finish: %s", baton.chat().queue().lastProblem())
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the Slack work did not finish", e);
    }
  }

  private static long auditHead() {
    return baton.core().ports().store().audit(AuditQuery.latest(1)).get(0).seq();
  }

  /** Releases, promotions, approvals, deployments and freezes, as text. */
  private static String snapshot() {
    String state =
        baton
            .core()
            .ports()
            .store()
            .read(
                r -> {
                  StringBuilder b = new StringBuilder();
                  b.append(r.releases("credreg", 1_000)).append('\n');
                  for (Promotion p : r.recentPromotions("credreg", 1_000)) {
                    b.append(p).append(" approvals ").append(r.approvals(p.id())).append('\n');
                  }
                  for (String env : List.of("test", "sandbox", "prod")) {
                    b.append(env)
                        .append(r.deployments("credreg", env, 1_000))
                        .append(r.freeze(env))
                        .append('\n');
                  }
                  return b.toString();
                });
    return state;
  }

  // ---- inputs ----

  @Provide
  Arbitrary<List<String>> slashCommands() {
    return SlackInputs.slashFields(baton::newResponseUrl);
  }

  @Provide
  Arbitrary<String> clicks() {
    return SlackInputs.blockActions(pendingProd, baton::newResponseUrl);
  }

  @Provide
  Arbitrary<String> submissions() {
    return SlackInputs.viewSubmission();
  }

  @Provide
  Arbitrary<String> events() {
    return SlackInputs.event();
  }

  @Provide
  Arbitrary<String> anyBody() {
    return Arbitraries.oneOf(
        slashCommands().map(f -> SlackRequests.form(f.toArray(String[]::new))),
        clicks().map(p -> SlackRequests.form("payload", p)),
        clicks().map(p -> "payload=" + p),
        events(),
        Arbitraries.strings().ofMaxLength(200).filter(SlackInputs::harmless),
        Arbitraries.of(
            "", "=", "&&&", "payload=", "payload=%zz", "ssl_check=1&token=x", "{}", "[]"));
  }

  @Provide
  Arbitrary<Double> cuts() {
    return Arbitraries.oneOf(Arbitraries.just(1.0), Arbitraries.doubles().between(0, 1).ofScale(3));
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(
        "application/x-www-form-urlencoded",
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/octet-stream");
  }

  /** A request Slack did not sign as it is. */
  record Forgery(String kind, long skewSeconds) {
    HttpResponse<String> send(String body) {
      long now = System.currentTimeMillis() / 1000;
      String ts = Long.toString(now + skewSeconds);
      String type = "application/x-www-form-urlencoded";
      return switch (kind) {
        case "unsigned" -> baton.post(body, type, null, null);
        case "no-timestamp" -> baton.post(body, type, null, sign(BatonSlack.SECRET, ts, body));
        case "other-secret" -> baton.post(body, type, ts, sign("not-the-secret", ts, body));
        case "other-body" -> baton.post(body, type, ts, sign(BatonSlack.SECRET, ts, body + " "));
        case "timestamp-not-a-number" ->
            baton.post(body, type, "soon", sign(BatonSlack.SECRET, "soon", body));
        case "v1-scheme" ->
            baton.post(
                body, type, ts, sign(BatonSlack.SECRET, ts, body).replaceFirst("^v0=", "v1="));
          // Correctly signed, but outside Slack's five-minute window.
        default -> baton.post(body, type, ts, sign(BatonSlack.SECRET, ts, body));
      };
    }

    private static String sign(String secret, String ts, String body) {
      return new SlackSigner(secret).sign(ts, body);
    }
  }

  @Provide
  Arbitrary<Forgery> forgeries() {
    Arbitrary<Forgery> unsigned =
        Arbitraries.of(
                "unsigned",
                "no-timestamp",
                "other-secret",
                "other-body",
                "timestamp-not-a-number",
                "v1-scheme")
            .map(k -> new Forgery(k, 0));
    Arbitrary<Forgery> stale =
        Arbitraries.oneOf(
                Arbitraries.longs().between(330, 10_000_000),
                Arbitraries.longs().between(-10_000_000, -330))
            .map(s -> new Forgery("stale", s));
    return Arbitraries.oneOf(unsigned, stale);
  }
}
