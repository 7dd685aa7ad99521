package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.baton.api.WebhookSignature;
import dev.baton.pipeline.model.Step;
import dev.baton.registry.TestServices;
import dev.baton.registry.oci.ImagePusher;
import dev.baton.slack.SlackStandIn;
import dev.baton.testing.BatonJar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged Baton killed with SIGKILL at each step of a promotion in turn, then started again:
 * every promotion must end as if nothing had happened — succeeded, the cluster running the release
 * by digest, the pointer tags moved, one migration Job, the inventory equal to the cluster — and
 * the release's Slack thread must say what was resumed.
 *
 * <p>Everything Baton talks to runs outside its process: PostgreSQL (where the test watches the
 * promotion's persisted step), the real {@code docker-registry}, fabric8's mock API server (with
 * this test as the Deployment and Job controller), a smoke-check endpoint and Slack's Web API
 * stand-in. Answers from the registry, the cluster and the smoke check are held back for {@link
 * #LATENCY}, so that each step takes long enough for the kill to land inside it: the request has
 * reached the service (and taken effect there) but Baton has not seen the answer — the worst moment
 * to die.
 *
 * <p>Runs in {@code ./mvnw verify} (failsafe) after the jar is packaged, under {@code
 * scripts/test-services.sh}; without PostgreSQL or the registry it is skipped, except on CI.
 */
class ProcessCrashIT {
  static final Duration LATENCY = Duration.ofMillis(300);
  static final String NS = "baton-test";
  static final String WEBHOOK_SECRET = "crash-test-webhook-secret";
  static final String READ_TOKEN = "crash-test-read-token";
  static final String SIGNING_SECRET = "crash-test-signing-secret";

  /** The steps of a promotion in order, each with the app whose promotion has it. */
  record Kill(String app, Step step) {}

  static final List<Kill> KILLS =
      List.of(
          new Kill("credreg", Step.VERIFY_IMAGES),
          new Kill("credreg", Step.MIGRATE_BEFORE),
          new Kill("credreg", Step.SET_IMAGES),
          new Kill("credreg", Step.AWAIT_ROLLOUT),
          new Kill("ledger", Step.MIGRATE_AFTER),
          new Kill("credreg", Step.SMOKE_CHECKS),
          new Kill("credreg", Step.MOVE_POINTER_TAGS),
          new Kill("credreg", Step.RECORD_DEPLOYMENT));

  static final Map<String, Map<String, String>> WORKLOADS =
      Map.of(
          "credreg", Map.of("main-app", "app", "worker-app", "worker"),
          "ledger", Map.of("ledger-api", "api"));

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private BatonJar baton;
  private String jdbcUrl;
  private String dbUser;
  private String dbPassword;

  @AfterEach
  void close() throws Exception {
    if (baton != null) {
      baton.close();
    }
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  @Test
  void killedAtEachStepItResumesOnRestartAndEndsConsistently() throws Exception {
    String pgUrl = TestServices.lookup("BATON_TEST_POSTGRES_URL");
    TestServices.assumeSet(pgUrl, "BATON_TEST_POSTGRES_URL");
    String registryUrl = TestServices.lookup(TestServices.REGISTRY_URL);
    TestServices.assumeSet(registryUrl, TestServices.REGISTRY_URL);
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("target")), "run from the project directory after packaging");
    dbUser = System.getenv().getOrDefault("BATON_TEST_POSTGRES_USER", "postgres");
    dbPassword = System.getenv().getOrDefault("BATON_TEST_POSTGRES_PASSWORD", "");
    String schema = "baton_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(pgUrl, "CREATE SCHEMA " + schema);
    closing.add(() -> execute(pgUrl, "DROP SCHEMA " + schema + " CASCADE"));
    jdbcUrl = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;

    // Outside Baton's process, each behind a proxy that holds answers back.
    TcpProxy registryProxy = new TcpProxy(URI.create(registryUrl).getPort());
    closing.add(registryProxy);
    TcpProxy[] clusterProxy = new TcpProxy[1];
    MockApi api =
        MockApi.start(
            dir,
            port -> {
              clusterProxy[0] = new TcpProxy(port);
              return "http://127.0.0.1:" + clusterProxy[0].port();
            });
    closing.add(api);
    closing.add(clusterProxy[0]);
    WORKLOADS.forEach(
        (app, workloads) ->
            workloads.forEach(
                (workload, container) ->
                    api.createRolledOut(NS, workload, container, app + "/" + workload + ":old")));
    closing.add(new FakeDeploymentController(api.client, NS, Duration.ofMillis(30)));
    FakeJobController jobs = new FakeJobController(api, NS, Duration.ofMillis(30));
    closing.add(jobs);
    HttpServer smoke = smokeEndpoint();
    closing.add(() -> smoke.stop(0));
    SlackStandIn slack = new SlackStandIn();
    closing.add(slack);
    registryProxy.delayResponses(LATENCY);
    clusterProxy[0].delayResponses(LATENCY);

    Path config =
        writeConfig(
            "http://127.0.0.1:" + registryProxy.port(),
            api.kubeconfig,
            "http://127.0.0.1:" + smoke.getAddress().getPort() + "/health",
            slack.apiUrl());
    Files.createDirectories(dir.resolve("work"));
    // Nine starts: a class-data archive from one training start and C1 alone make each about
    // three times faster on a 2-core machine; the crash behaviour under test is the same.
    Path archive = dir.resolve("crash-test.jsa");
    BatonJar training = options(config).jvmOption("-XX:ArchiveClassesAtExit=" + archive).start();
    training.awaitReady(Duration.ofSeconds(90));
    training.stop();
    BatonJar.Options options = options(config).jvmOption("-XX:TieredStopAtLevel=1");
    if (Files.isRegularFile(archive)) {
      options.jvmOption("-XX:SharedArchiveFile=" + archive);
    }
    baton = options.start();
    baton.awaitReady(Duration.ofSeconds(90));

    ImagePusher pusher = new ImagePusher(registryUrl);
    int n = 0;
    for (Kill kill : KILLS) {
      n++;
      String tag = String.format("2026.11.23.%04d", n);
      Map<String, String> digests = new LinkedHashMap<>();
      for (String workload : WORKLOADS.get(kill.app()).keySet()) {
        digests.put(
            workload, pusher.image(kill.app() + "/" + workload, ImagePusher.Style.OCI).digest());
      }
      register(kill.app(), tag, n, digests);

      String id = awaitStep(kill, tag);
      baton.kill();
      String killedAt = row(id).step();
      baton = options.start();
      Duration ready = baton.awaitReady(Duration.ofSeconds(90));
      long resumed = System.nanoTime();
      Row end = awaitEnd(id, Duration.ofSeconds(120));
      System.out.printf(
          "ProcessCrashIT: killed %s at %s; restarted in %d ms; ended %s %d ms later%n",
          kill.app(),
          killedAt,
          ready.toMillis(),
          end.state(),
          Duration.ofNanos(System.nanoTime() - resumed).toMillis());

      String what = kill + " (persisted step when killed: " + killedAt + ")";
      assertThat(end.state()).as(what + "\n" + baton.logTail(80)).isEqualTo("SUCCEEDED");
      for (Map.Entry<String, String> w : digests.entrySet()) {
        String container = WORKLOADS.get(kill.app()).get(w.getKey());
        String wanted = kill.app() + "/" + w.getKey() + "@" + w.getValue();
        assertThat(MockApi.imageOf(api.deployment(NS, w.getKey()), container))
            .as(what + ": what runs")
            .isEqualTo(wanted);
        assertThat(manifestDigest(registryUrl, kill.app() + "/" + w.getKey(), "latest"))
            .as(what + ": the pointer tag")
            .isEqualTo(w.getValue());
      }
      JsonObject test = environment(kill.app(), "test");
      assertThat(test.getAsJsonObject("current").get("release").getAsString())
          .as(what + ": the inventory")
          .isEqualTo(tag);
      assertThat(test.get("drift").isJsonNull()).as(what + ": drift " + test.get("drift")).isTrue();
      List<String> migrations = migrationJobs(api, kill.app(), id);
      assertThat(migrations).as(what + ": migration Jobs").hasSize(1);
      assertThat(auditActions(tag)).as(what + ": audit").contains("promotion.resumed");

      String label = dev.baton.slack.blocks.PromotionMessage.label(Step.valueOf(killedAt));
      slack.await(
          what + ": the thread says what was resumed",
          s ->
              threadOf(s, kill.app(), tag).stream()
                  .anyMatch(
                      m ->
                          m.visible().contains("Resumed *" + kill.app() + " " + tag)
                              && m.visible().contains("at step *" + label + "*")),
          Duration.ofSeconds(30));
      assertThat(rootsOf(slack, kill.app(), tag)).as(what + ": one thread").hasSize(1);
    }

    JsonObject chain = getJson("/api/v1/audit/verify");
    assertThat(chain.get("valid").getAsBoolean()).as(chain.toString()).isTrue();
  }

  /** Registers a build as CI does: signed with the webhook secret, over HTTP. */
  private void register(String app, String tag, int n, Map<String, String> digests)
      throws Exception {
    JsonObject d = new JsonObject();
    digests.forEach(d::addProperty);
    JsonObject body = new JsonObject();
    body.addProperty("app", app);
    body.addProperty("tag", tag);
    body.addProperty("commit", String.format("%040x", n));
    body.addProperty("buildUrl", "https://ci.example/runs/" + n);
    body.add("digests", d);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(baton.url("/api/v1/builds"))
                .header("Content-Type", "application/json")
                .header("X-Baton-Timestamp", Long.toString(now))
                .header(
                    WebhookSignature.SIGNATURE_HEADER,
                    new WebhookSignature(WEBHOOK_SECRET, Clock.systemUTC()).sign(now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  /** Waits until the release's auto-deploy has persisted {@code kill.step()} as its step. */
  private String awaitStep(Kill kill, String tag) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Row last = null;
    while (System.nanoTime() < deadline) {
      last = row(kill.app(), tag);
      if (last != null) {
        if (kill.step().name().equals(last.step()) && "RUNNING".equals(last.state())) {
          return last.id();
        }
        assertThat(last.state())
            .as(kill + ": the promotion ended before the step was seen: " + last)
            .isIn("PENDING_APPROVAL", "APPROVED", "RUNNING");
      }
      Thread.sleep(2);
    }
    throw new AssertionError(kill + " never reached; last seen " + last);
  }

  private Row awaitEnd(String id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Row r = row(id);
    while (System.nanoTime() < deadline) {
      r = row(id);
      if (!List.of("PENDING_APPROVAL", "APPROVED", "RUNNING").contains(r.state())) {
        return r;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "promotion " + id + " did not end; last " + r + "\n" + baton.logTail(80));
  }

  record Row(String id, String state, String step) {}

  private Row row(String app, String tag) throws SQLException {
    return query(
        "SELECT id, state, step FROM promotion WHERE app = ? AND release_tag = ? AND env = 'test'",
        app,
        tag);
  }

  private Row row(String id) throws SQLException {
    return query("SELECT id, state, step FROM promotion WHERE id = ?", id);
  }

  private Row query(String sql, String... params) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Row(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
      }
    }
  }

  private void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, dbUser, dbPassword)) {
      c.createStatement().execute(sql);
    }
  }

  private JsonObject environment(String app, String env) throws Exception {
    for (var e : getJson("/api/v1/apps/" + app).getAsJsonArray("environments")) {
      if (env.equals(e.getAsJsonObject().get("env").getAsString())) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no environment " + env);
  }

  private List<String> auditActions(String tag) throws Exception {
    List<String> actions = new ArrayList<>();
    for (var e : getJson("/api/v1/audit?release=" + tag + "&limit=1000").getAsJsonArray("events")) {
      actions.add(e.getAsJsonObject().get("action").getAsString());
    }
    return actions;
  }

  private JsonObject getJson(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(baton.url(path))
                .header("Authorization", "Bearer " + READ_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** The digest the registry's tag points at, read directly (not through the slow proxy). */
  private String manifestDigest(String registryUrl, String repository, String tag)
      throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(registryUrl + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header(
                    "Accept",
                    "application/vnd.oci.image.manifest.v1+json,"
                        + " application/vnd.docker.distribution.manifest.v2+json")
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.headers().firstValue("Docker-Content-Digest").orElse("none (" + r.statusCode() + ")");
  }

  private static List<String> migrationJobs(MockApi api, String app, String promotionId) {
    String name = "baton-migrate-" + app + "-" + promotionId.substring(0, 8);
    return api.client.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
        .map(Job::getMetadata)
        .map(m -> m.getName())
        .filter(name::equals)
        .toList();
  }

  private static List<SlackStandIn.Message> rootsOf(SlackStandIn s, String app, String tag) {
    return s.roots().stream()
        .filter(m -> m.text != null && m.text.startsWith(app + " " + tag + ":"))
        .toList();
  }

  private static List<SlackStandIn.Message> threadOf(SlackStandIn s, String app, String tag) {
    List<SlackStandIn.Message> out = new ArrayList<>();
    for (SlackStandIn.Message root : rootsOf(s, app, tag)) {
      out.addAll(s.replies(root.ts));
    }
    return out;
  }

  /** The app's health endpoint: healthy, after {@link #LATENCY}. */
  private static HttpServer smokeEndpoint() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          try {
            Thread.sleep(LATENCY.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private BatonJar.Options options(Path config) {
    return BatonJar.in(dir.resolve("work"))
        .configFile(config)
        .env("BATON_DATABASE_URL", jdbcUrl)
        .env("BATON_DATABASE_USER", dbUser)
        .env("BATON_DATABASE_PASSWORD", dbPassword)
        .jvmOption("-Xmx256m");
  }

  private Path writeConfig(String registry, Path kubeconfig, String smokeUrl, String slackApi)
      throws IOException {
    String yaml =
        """
        baton:
          instance-id: crash-test
          runner:
            sweep-interval: 1s
          api:
            webhook-secret: %s
            read-token: %s
          slack:
            signing-secret: %s
            bot-token: xoxb-crash-test
            api-url: %s
          kubernetes:
            retry-backoff: 20ms
            retry-backoff-max: 200ms
            rollout-margin: 30s
          chain: [test, prod]
          environments:
            test:
              cluster: {kubeconfig: %s, context: mock, namespace: %s}
              policy: {auto-deploy: true, pointer-tags: [latest]}
            prod:
              cluster: {kubeconfig: %s, context: mock, namespace: baton-prod}
          registries:
            default: {type: oci, url: "%s", insecure: true}
          apps:
            credreg:
              channel: C0CREDREG
              workloads:
                main-app: {container: app, repository: credreg/main-app}
                worker-app: {container: worker, repository: credreg/worker-app}
              migration: {workload: main-app, phase: before-rollout, command: [migrate]}
              smoke-checks:
                - {env: test, url: "%s", expected-status: 200, deadline: 30s}
            ledger:
              channel: C0LEDGER
              workloads:
                ledger-api: {container: api, repository: ledger/ledger-api}
              migration: {workload: ledger-api, phase: after-rollout, command: [migrate]}
        """
            .formatted(
                WEBHOOK_SECRET,
                READ_TOKEN,
                SIGNING_SECRET,
                slackApi,
                kubeconfig,
                NS,
                kubeconfig,
                registry,
                smokeUrl);
    Path file = dir.resolve("baton-crash.yml");
    Files.writeString(file, yaml);
    return file;
  }
}
