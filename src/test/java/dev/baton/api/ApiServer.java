package dev.baton.api;

import dev.baton.fakes.FakeCluster;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.MutableClock;
import dev.baton.testing.Http;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Baton's HTTP server on a random port over an in-memory H2, with a fake registry, a fake cluster
 * and a clock the test moves. Requests go through {@link java.net.http.HttpClient} so that the
 * exact bytes sent are the bytes signed.
 */
final class ApiServer implements AutoCloseable {
  static final String SECRET = "ci-webhook-secret-for-tests";
  static final String READ_TOKEN = "read-token-for-tests";

  /**
   * The pipeline the tests use, as an operator would configure it: the test world without a smoke
   * check, prod approved by two approvers and requested by the deployer.
   */
  static final TestWorld WORLD =
      TestWorld.credreg()
          .withoutSmokeCheck()
          .approvers(Fixtures.APPROVER_1, Fixtures.APPROVER_2)
          .deployers("prod", Fixtures.DEPLOYER);

  final FakeRegistry registry = new FakeRegistry();
  final FakeCluster cluster = new FakeCluster();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  final String databaseUrl = InProcessBaton.h2Memory();
  final InProcessBaton baton;
  final ApplicationContext context;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiServer() {
    this(Map.of());
  }

  ApiServer(Map<String, Object> overrides) {
    baton =
        InProcessBaton.builder()
            .database(databaseUrl, "sa", "")
            .world(WORLD)
            .property("baton.api.webhook-secret", SECRET)
            .property("baton.api.read-token", READ_TOKEN)
            .properties(overrides)
            .singletons(registry, cluster, clock)
            .withServer()
            .start();
    context = baton.context();
  }

  URI uri(String pathAndQuery) {
    return baton.uri(pathAndQuery);
  }

  HttpResponse<String> send(HttpRequest request) {
    return Http.send(http, request);
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
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    baton.close();
  }
}
