package dev.baton.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.cluster.ClusterBench;
import dev.baton.registry.oci.BenchImages;
import dev.baton.slack.SlackBench;
import dev.baton.slack.blocks.ActionIds;
import dev.baton.testing.BatonJar;
import dev.baton.testing.InProcessBaton;
import dev.baton.testing.TestWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.yaml.snakeyaml.Yaml;

/**
 * Everything the packaged Baton talks to during a benchmark, on loopback: Slack's Web API
 * (stand-in), a registry (the real one of {@code scripts/test-services.sh} when {@code
 * BATON_TEST_REGISTRY_URL} is set, else {@link OciStandIn}), and a cluster (fabric8's mock API
 * server; the benchmark plays the Deployment controller). Writes Baton's configuration file and
 * drives Baton as CI and Slack users do: signed build registrations, signed slash commands and
 * clicks.
 *
 * <p>Pipeline: credreg, test (auto-deploy, the benchmark's controller rolls out at once) → prod
 * (two approvals from {@link #APPROVER_1} and {@link #APPROVER_2}, only {@link #DEPLOYER} requests,
 * no bake time, pointer tags {@code latest} and {@code prod}; the benchmark completes prod rollouts
 * itself): {@link #PIPELINE}.
 */
final class BenchWorld implements AutoCloseable {
  static final String SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
  static final String WEBHOOK_SECRET = "bench-webhook-secret-0123456789abcdef";
  static final String READ_TOKEN = "bench-read-token-0123456789abcdef";
  static final String BOT_TOKEN = "xoxb-bench-token";
  static final String CHANNEL = "#credreg-deploys";
  static final String DEPLOYER = "UDEPLOYER";
  static final String APPROVER_1 = "UAPPROVER1";
  static final String APPROVER_2 = "UAPPROVER2";
  static final String STRANGER = "USTRANGER";
  static final String TEST_NS = TestWorld.namespace("test");
  static final String PROD_NS = TestWorld.namespace("prod");
  static final Map<String, String> CONTAINERS = Map.of("main-app", "app", "worker-app", "worker");

  final Path dir;
  final SlackBench slack;
  final ClusterBench cluster;
  final String registryUrl;
  final String registryKind;
  private final OciStandIn ociStandIn;
  private final Function<String, String> push;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger responses = new AtomicInteger();

  /** fabric8's mock server logs every request at INFO (kept here: JUL holds loggers weakly). */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  BenchWorld(Path dir) throws IOException {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    this.dir = dir;
    slack = new SlackBench();
    cluster = new ClusterBench(dir);
    String real = System.getenv("BATON_TEST_REGISTRY_URL");
    if (real != null && !real.isBlank()) {
      ociStandIn = null;
      registryUrl = real;
      registryKind = "docker-registry";
      BenchImages images = new BenchImages(real);
      push = images::push;
    } else {
      ociStandIn = new OciStandIn();
      registryUrl = ociStandIn.url();
      registryKind = "in-repo OCI stand-in";
      push = ociStandIn::push;
    }
    for (String ns : List.of(TEST_NS, PROD_NS)) {
      CONTAINERS.forEach(
          (workload, container) ->
              cluster.createRolledOut(
                  ns, workload, container, "credreg/" + workload + "@sha256:" + "0".repeat(64)));
    }
    cluster.rollOut(TEST_NS, Duration.ofMillis(20));
  }

  /** An environment's {@code cluster:} line for this world's API server and {@code namespace}. */
  String clusterLine(String namespace) {
    return "      cluster: {kubeconfig: '%s', context: %s, namespace: %s}\n"
        .formatted(cluster.kubeconfig(), cluster.context(), namespace);
  }

  /**
   * The pipeline: the test world's credreg, test → prod without bake, two approvers, one deployer,
   * no migration and no smoke check.
   */
  static final TestWorld PIPELINE =
      TestWorld.credreg()
          .chain("test", "prod")
          .prodBake(Duration.ZERO)
          .withoutMigration()
          .withoutSmokeCheck()
          .channel(CHANNEL)
          .approvers(APPROVER_1, APPROVER_2)
          .deployers("prod", DEPLOYER);

  /** Baton's configuration for this world, as an operator writes it. */
  Path configFile() throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("baton.instance-id", "bench");
    p.putAll(PIPELINE.cluster(cluster.kubeconfig().toString(), cluster.context()).properties());
    p.put("baton.registries.default.type", "oci");
    p.put("baton.registries.default.url", registryUrl);
    p.put("baton.registries.default.insecure", true);
    Path file = dir.resolve("baton-bench.yml");
    Files.writeString(file, new Yaml().dump(p));
    return file;
  }

  /**
   * The end of a hand-written pipeline file under {@code baton:}: this world's registry and credreg
   * with its two workloads, posting to {@link #CHANNEL}.
   */
  String registryAndApp() {
    return "  registries:\n"
        + "    default: {type: oci, url: '"
        + registryUrl
        + "', insecure: true}\n"
        + "  apps:\n"
        + "    credreg:\n"
        + "      registry: default\n"
        + "      channel: '"
        + CHANNEL
        + "'\n"
        + "      workloads:\n"
        + "        main-app: {container: app, repository: credreg/main-app}\n"
        + "        worker-app: {container: worker, repository: credreg/worker-app}\n";
  }

  /** The secrets and the Slack address, as environment variables (never in the file). */
  Map<String, String> environment() {
    return Map.of(
        "SLACK_SIGNING_SECRET", SIGNING_SECRET,
        "SLACK_BOT_TOKEN", BOT_TOKEN,
        "BATON_SLACK_API_URL", slack.apiUrl(),
        "BATON_API_WEBHOOK_SECRET", WEBHOOK_SECRET,
        "BATON_API_READ_TOKEN", READ_TOKEN);
  }

  /** Options for the packaged Baton in this world, in {@code workDir} with a fresh H2 there. */
  BatonJar.Options baton(Path workDir, List<String> jvmFlags) throws IOException {
    return baton(workDir, jvmFlags, configFile());
  }

  /** The same with another pipeline file ({@link #clusterLine} writes its clusters). */
  BatonJar.Options baton(Path workDir, List<String> jvmFlags, Path configFile) throws IOException {
    return baton(workDir, jvmFlags, configFile, BatonJar.jar().toAbsolutePath());
  }

  /** The same with another jar (the container image's, for its training run). */
  BatonJar.Options baton(Path workDir, List<String> jvmFlags, Path configFile, Path jar)
      throws IOException {
    Files.createDirectories(workDir);
    BatonJar.Options o =
        BatonJar.in(workDir).jar(jar).configFile(configFile).log(workDir.resolve("baton.log"));
    environment().forEach(o::env);
    o.env("BATON_DATABASE_URL", InProcessBaton.h2File(workDir.resolve("data/baton")));
    jvmFlags.forEach(o::jvmOption);
    return o;
  }

  // ---- as CI ----

  /** Pushes build {@code n}'s two images and registers it over the signed API. */
  Map<String, String> register(String baseUrl, int n) throws IOException, InterruptedException {
    return registerTimed(baseUrl, n).digests();
  }

  /**
   * A registered build: its digests, when the signed registration was sent and when its answer came
   * back (epoch milliseconds; the images were pushed before).
   */
  record Registered(Map<String, String> digests, long sentMillis, long returnedMillis) {}

  Registered registerTimed(String baseUrl, int n) throws IOException, InterruptedException {
    Map<String, String> digests =
        Map.of(
            "main-app", pushImage("credreg/main-app"),
            "worker-app", pushImage("credreg/worker-app"));
    return registerBuild(baseUrl, "credreg", tag(n), n, digests);
  }

  /** Pushes one image to this world's registry and returns its digest. */
  String pushImage(String repository) {
    return push.apply(repository);
  }

  /**
   * Registers the pushed images {@code digests} (by workload) as build {@code tag} of {@code app},
   * over the signed API as CI does; the commit is {@code commit} in hexadecimal.
   */
  Registered registerBuild(
      String baseUrl, String app, String tag, int commit, Map<String, String> digests)
      throws IOException, InterruptedException {
    StringBuilder images = new StringBuilder();
    new java.util.TreeMap<>(digests)
        .forEach(
            (w, d) ->
                images
                    .append(images.length() == 0 ? "" : ",")
                    .append('"')
                    .append(w)
                    .append("\":\"")
                    .append(d)
                    .append('"'));
    String body =
        "{\"app\":\""
            + app
            + "\",\"tag\":\""
            + tag
            + "\",\"commit\":\""
            + "%040x".formatted(commit)
            + "\",\"buildUrl\":\"https://ci.example/runs/"
            + commit
            + "\",\"digests\":{"
            + images
            + "}}";
    long sent = System.currentTimeMillis();
    String ts = Long.toString(sent / 1000);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/builds"))
                .header("Content-Type", "application/json")
                .header("X-Baton-Timestamp", ts)
                .header("X-Baton-Signature", "v1=" + hmac(WEBHOOK_SECRET, "v1:" + ts + ":" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long returned = System.currentTimeMillis();
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw new IllegalStateException("registration answered " + r.statusCode() + ": " + r.body());
    }
    return new Registered(Map.copyOf(digests), sent, returned);
  }

  /** A prod promotion with one approval given: the build's digests and the last click's body. */
  record OneApprovalLeft(Map<String, String> digests, String promotionId, String finalClick) {}

  /**
   * As CI and people do before the moment a benchmark times: build {@code n} registered and running
   * in test, {@code /promote credreg prod} by the deployer, the first approval recorded; returns
   * the second approver's click, signed when sent.
   */
  OneApprovalLeft toProdWithOneApprovalLeft(String base, int n) throws Exception {
    String tag = tag(n);
    Map<String, String> digests = register(base, n);
    await(
        base,
        tag + " running in test",
        st -> tag.equals(current(st, "test")),
        Duration.ofSeconds(60));
    send(base, slashBody(DEPLOYER, "/promote", "credreg prod"));
    JsonObject s =
        await(
            base,
            tag + " waiting for approval in prod",
            st -> {
              JsonObject p = openPromotion(st, "prod");
              return p != null && tag.equals(p.get("release").getAsString());
            },
            Duration.ofSeconds(30));
    String id = openPromotion(s, "prod").get("id").getAsString();
    send(base, clickBody(APPROVER_1, ActionIds.APPROVE, id));
    await(
        base,
        "first approval of " + tag,
        st -> openPromotion(st, "prod").get("approvals").getAsInt() == 1,
        Duration.ofSeconds(30));
    Thread.sleep(300);
    return new OneApprovalLeft(digests, id, clickBody(APPROVER_2, ActionIds.APPROVE, id));
  }

  /** Waits up to 30 s for {@code time} to be known, and returns it. */
  static long awaitTime(String what, Supplier<OptionalLong> time) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      OptionalLong t = time.get();
      if (t.isPresent()) {
        return t.getAsLong();
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  static String tag(int n) {
    return "2026.11.23.%04d".formatted(n);
  }

  JsonObject state(String baseUrl) throws IOException, InterruptedException {
    return state(baseUrl, "credreg");
  }

  /** {@code GET /api/v1/apps/<app>}: the app's state, as the read API answers it. */
  JsonObject state(String baseUrl, String app) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/apps/" + app))
                .header("Authorization", "Bearer " + READ_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  static JsonObject env(JsonObject state, String env) {
    for (JsonElement e : state.getAsJsonArray("environments")) {
      if (e.getAsJsonObject().get("env").getAsString().equals(env)) {
        return e.getAsJsonObject();
      }
    }
    throw new IllegalStateException("no " + env + " in " + state);
  }

  /** The release running in {@code env}, or null. */
  static String current(JsonObject state, String env) {
    JsonElement c = env(state, env).get("current");
    return c == null || c.isJsonNull() ? null : c.getAsJsonObject().get("release").getAsString();
  }

  /** The open promotion into {@code env}, or null. */
  static JsonObject openPromotion(JsonObject state, String env) {
    JsonArray p = env(state, env).getAsJsonArray("promotions");
    return p.isEmpty() ? null : p.get(0).getAsJsonObject();
  }

  JsonObject await(String baseUrl, String what, Predicate<JsonObject> condition, Duration timeout)
      throws IOException, InterruptedException {
    return await(baseUrl, "credreg", what, condition, timeout);
  }

  /** Polls {@code app}'s state until {@code condition} holds, for at most {@code timeout}. */
  JsonObject await(
      String baseUrl, String app, String what, Predicate<JsonObject> condition, Duration timeout)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    JsonObject s = null;
    while (System.nanoTime() < end) {
      s = state(baseUrl, app);
      if (condition.test(s)) {
        return s;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("timed out waiting for " + what + "; state: " + s);
  }

  // ---- as Slack ----

  String newResponseUrl() {
    return slack.responseUrl("r" + responses.incrementAndGet());
  }

  String slashBody(String user, String command, String text) {
    return slashBody(user, command, text, newResponseUrl());
  }

  String slashBody(String user, String command, String text, String responseUrl) {
    return SlackBench.slashBody(user, SlackBench.channelId(CHANNEL), command, text, responseUrl);
  }

  String clickBody(String user, String actionId, String value) {
    return clickBody(user, actionId, value, newResponseUrl());
  }

  String clickBody(String user, String actionId, String value, String responseUrl) {
    return SlackBench.clickBody(
        user, "1800000000.000101", SlackBench.channelId(CHANNEL), actionId, value, responseUrl);
  }

  /** A request to {@code /slack/events} signed now, as Slack signs it. */
  static HttpRequest signed(String baseUrl, String body, Duration timeout) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", SlackBench.sign(SIGNING_SECRET, ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  void send(String baseUrl, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            signed(baseUrl, body, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Slack request answered " + r.statusCode() + ": " + r.body());
    }
  }

  static String hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * When Baton first asked the registry anything at or after {@code fromMillis} (stand-in only).
   */
  OptionalLong registryRequest(long fromMillis) {
    return ociStandIn == null ? OptionalLong.empty() : ociStandIn.first(fromMillis);
  }

  @Override
  public void close() throws Exception {
    cluster.close();
    slack.close();
    if (ociStandIn != null) {
      ociStandIn.close();
    }
  }
}
