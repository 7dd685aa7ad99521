package dev.baton.api;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Baton's HTTP server on a random port over an in-memory H2, with a fake registry, a fake cluster
 * and a clock the test moves. Requests go through {@link java.net.http.HttpClient} so that the
 * exact bytes sent are the bytes signed.
 */
final class ApiServer implements AutoCloseable {
  static final String SECRET = "ci-webhook-secret-for-tests";
  static final String READ_TOKEN = "read-token-for-tests";

  final FakeRegistry registry = new FakeRegistry();
  final FakeCluster cluster = new FakeCluster();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  final EmbeddedServer server;
  final String databaseUrl =
      "jdbc:h2:mem:api-"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  final ApplicationContext context;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiServer() {
    this(Map.of());
  }

  ApiServer(Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("datasources.default.url", databaseUrl);
    props.put("baton.runner.sweep-enabled", "false");
    props.putAll(credreg());
    props.put("baton.api.webhook-secret", SECRET);
    props.put("baton.api.read-token", READ_TOKEN);
    props.putAll(overrides);
    context =
        ApplicationContext.builder()
            .properties(props)
            .singletons(registry, cluster, clock)
            .deduceEnvironment(false)
            .environments("test")
            .start();
    server = context.getBean(EmbeddedServer.class).start();
  }

  /**
   * The pipeline the tests use, as an operator would configure it: credreg's two workloads through
   * test (auto-deploy) → sandbox (30 minutes of bake in test) → prod (2 approvals, 24 h of bake).
   */
  static Map<String, Object> credreg() {
    Map<String, Object> p = new HashMap<>();
    p.put("baton.chain", List.of("test", "sandbox", "prod"));
    p.put("baton.environments.test.cluster.namespace", "credreg-test");
    p.put("baton.environments.test.policy.auto-deploy", true);
    p.put("baton.environments.sandbox.cluster.namespace", "credreg-sandbox");
    p.put("baton.environments.sandbox.policy.minimum-bake", "30m");
    p.put("baton.environments.prod.cluster.namespace", "credreg-prod");
    p.put("baton.environments.prod.policy.required-approvals", 2);
    p.put(
        "baton.environments.prod.policy.approvers",
        List.of(Fixtures.APPROVER_1, Fixtures.APPROVER_2));
    p.put("baton.environments.prod.policy.deployers", List.of(Fixtures.DEPLOYER));
    p.put("baton.environments.prod.policy.minimum-bake", "24h");
    p.put("baton.apps.credreg.registry", "default");
    p.put("baton.apps.credreg.workloads.main-app.container", "app");
    p.put("baton.apps.credreg.workloads.main-app.repository", "credreg/main-app");
    p.put("baton.apps.credreg.workloads.worker-app.container", "worker");
    p.put("baton.apps.credreg.workloads.worker-app.repository", "credreg/worker-app");
    return p;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getPort() + pathAndQuery);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Authorization", "Bearer " + READ_TOKEN)
            .GET()
            .build());
  }

  HttpResponse<String> getWithoutToken(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
  }

  /** Posts {@code body} signed now with the test secret. */
  HttpResponse<String> postSigned(byte[] body) {
    long now = clock.instant().getEpochSecond();
    return post(body, Long.toString(now), new WebhookSignature(SECRET, clock).sign(now, body));
  }

  HttpResponse<String> post(byte[] body, String timestamp, String signature) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(BuildsController.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (timestamp != null) {
      b.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      b.header(WebhookSignature.SIGNATURE_HEADER, signature);
    }
    return send(b.build());
  }

  /** Pushes build {@code n}'s images and returns its registration body. */
  byte[] pushedBuild(int n) {
    registry.push("default", "credreg/main-app", Fixtures.digest("main-" + n));
    registry.push("default", "credreg/worker-app", Fixtures.digest("worker-" + n));
    return buildBody(
        "credreg",
        Fixtures.tag(n),
        n,
        Fixtures.digest("main-" + n),
        Fixtures.digest("worker-" + n));
  }

  static byte[] buildBody(String app, String tag, int n, String mainDigest, String workerDigest) {
    return ("{\"app\":\""
            + app
            + "\",\"tag\":\""
            + tag
            + "\",\"commit\":\""
            + String.format("%040x", n)
            + "\",\"buildUrl\":\"https://ci.example/"
            + n
            + "\",\"digests\":{\"main-app\":\""
            + mainDigest
            + "\",\"worker-app\":\""
            + workerDigest
            + "\"}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    context.close();
  }
}
