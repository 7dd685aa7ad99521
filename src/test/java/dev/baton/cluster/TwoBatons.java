package dev.baton.cluster;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.baton.api.WebhookSignature;
import dev.baton.registry.TestServices;
import dev.baton.registry.oci.ImagePusher;
import dev.baton.slack.SlackRequests;
import dev.baton.slack.SlackSigner;
import dev.baton.slack.SlackStandIn;
import dev.baton.testing.BatonJar;
import dev.baton.testing.Clicks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Packaged Batons sharing one PostgreSQL schema, as an operator runs replicas: each its own process
 * and instance id, both talking to the same real registry, fabric8's mock API server (with this
 * harness as the Deployment controller: test rolls out at once, prod only while {@link
 * #prodRollouts} lets it) and one Slack Web API stand-in. Used by the rolling-upgrade test and the
 * hand-over benchmark. Needs {@code scripts/test-services.sh} (PostgreSQL and the registry).
 */
public final class TwoBatons implements AutoCloseable {
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING); // one line per mock request otherwise
  }

  public static final String APPROVER = "U0APPROVER";
  public static final String DEPLOYER = "U0DEPLOYER";
  static final String WEBHOOK_SECRET = "replica-test-webhook-secret";
  static final String SIGNING_SECRET = "replica-test-signing-secret";
  static final String READ_TOKEN = "replica-test-read-token";
  static final String TEST_NS = "replica-test";
  static final String PROD_NS = "replica-prod";
  static final Map<String, String> CONTAINERS = Map.of("main-app", "app", "worker-app", "worker");

  private final Path dir;

  /** The PostgreSQL schema both replicas use. */
  public final SharedSchema db;

  final String registryUrl;
  final MockApi api;
  final SlackStandIn slack;
  private final FakeDeploymentController testController;
  private final FakeDeploymentController prodController;
  private final Path config;
  private final Map<String, BatonJar> running = new LinkedHashMap<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
  private int builds;

  private TwoBatons(Path dir) throws Exception {
    this.dir = dir;
    registryUrl = TestServices.lookup(TestServices.REGISTRY_URL);
    db = SharedSchema.create(TestServices.lookup("BATON_TEST_POSTGRES_URL"));
    api = MockApi.start(dir, null);
    closing.add(api);
    for (String ns : List.of(TEST_NS, PROD_NS)) {
      CONTAINERS.forEach((w, c) -> api.createRolledOut(ns, w, c, "credreg/" + w + ":old"));
    }
    testController = new FakeDeploymentController(api.client, TEST_NS, Duration.ofMillis(30));
    prodController = new FakeDeploymentController(api.client, PROD_NS, Duration.ofMillis(30));
    closing.add(testController);
    closing.add(prodController);
    slack = new SlackStandIn();
    closing.add(slack);
    config = writeConfig();
  }

  /** The services and the configuration; no Baton runs yet. Skips without the test services. */
  public static TwoBatons prepare(Path dir) throws Exception {
    TestServices.assumeSet(
        TestServices.lookup("BATON_TEST_POSTGRES_URL"), "BATON_TEST_POSTGRES_URL");
    TestServices.assumeSet(
        TestServices.lookup(TestServices.REGISTRY_URL), TestServices.REGISTRY_URL);
    return new TwoBatons(dir);
  }

  /** The options of a replica named {@code instanceId}, logging to its own file. */
  public BatonJar.Options options(String instanceId) {
    return BatonJar.in(dir.resolve("work-" + instanceId))
        .configFile(config)
        .log(dir.resolve(instanceId + "-" + System.nanoTime() + ".log"))
        .env("BATON_DATABASE_URL", db.jdbcUrl)
        .env("BATON_DATABASE_USER", db.user)
        .env("BATON_DATABASE_PASSWORD", db.password)
        .env("BATON_INSTANCE_ID", instanceId)
        .jvmOption("-Xmx256m")
        .jvmOption("-XX:TieredStopAtLevel=1");
  }

  /** Starts the replicas together and waits until each serves. */
  public void start(String... instanceIds) {
    List<BatonJar> started = new ArrayList<>();
    for (String id : instanceIds) {
      BatonJar jar = options(id).start();
      running.put(id, jar);
      started.add(jar);
    }
    for (BatonJar jar : started) {
      jar.awaitReady(Duration.ofSeconds(120));
    }
  }

  public BatonJar replica(String instanceId) {
    return running.get(instanceId);
  }

  /** Holds (false) or lets (true) the prod rollouts progress. */
  public void prodRollouts(boolean progress) {
    prodController.paused(!progress);
  }

  /** Pushes two images and registers them as the next build, signed as CI does; its tag. */
  public String registerBuild(String through) throws Exception {
    builds++;
    String tag = String.format("2026.12.02.%04d", builds);
    ImagePusher pusher = new ImagePusher(registryUrl);
    JsonObject digests = new JsonObject();
    for (String w : CONTAINERS.keySet()) {
      digests.addProperty(w, pusher.image("credreg/" + w, ImagePusher.Style.OCI).digest());
    }
    JsonObject body = new JsonObject();
    body.addProperty("app", "credreg");
    body.addProperty("tag", tag);
    body.addProperty("commit", String.format("%040x", builds));
    body.add("digests", digests);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(replica(through).url("/api/v1/builds"))
                .header("Content-Type", "application/json")
                .header("X-Baton-Timestamp", Long.toString(now))
                .header(
                    WebhookSignature.SIGNATURE_HEADER,
                    new WebhookSignature(WEBHOOK_SECRET, Clock.systemUTC()).sign(now, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new AssertionError("registration answered " + r.statusCode() + ": " + r.body());
    }
    return tag;
  }

  /** {@code /promote credreg prod} from the deployer, signed as Slack signs it; the HTTP status. */
  public int promote(String through) throws Exception {
    String body =
        SlackRequests.form(
            "team_id", "T1",
            "channel_id", "C0CREDREG",
            "user_id", DEPLOYER,
            "user_name", "deployer",
            "command", "/promote",
            "text", "credreg prod",
            "api_app_id", "A1",
            "response_url", slack.responseUrl("promote-" + System.nanoTime()),
            "trigger_id", "1.2.3");
    return sendSlack(through, body, "application/x-www-form-urlencoded");
  }

  /** The approver clicks Approve on the request's message, through replica {@code through}. */
  public int approve(String through, String promotionId) throws Exception {
    String payload =
        SlackRequests.blockActions(
            APPROVER,
            "0",
            "C0CREDREG",
            "baton_approve",
            promotionId,
            slack.responseUrl("approve-" + System.nanoTime()));
    return sendSlack(
        through, SlackRequests.form("payload", payload), "application/x-www-form-urlencoded");
  }

  private int sendSlack(String through, String body, String type) throws Exception {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(replica(through).url("/slack/events"))
                .header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signer.sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  /** A prod promotion that runs and waits on a rollout the harness holds. */
  public record Waiting(String tag, String promotionId) {}

  /**
   * Registers a build through the first replica, lets test run it, holds prod's rollouts, asks for
   * the promotion to prod and has the approver click Approve {@code clicks} times at once, spread
   * over the running replicas; returns when the promotion waits on prod's rollout.
   */
  public Waiting prodPromotionOnHeldRollout(int clicks) throws Exception {
    List<String> replicas = new ArrayList<>(running.keySet());
    String tag = registerBuild(replicas.get(0));
    String testRun = awaitPromotion("test");
    awaitState(testRun, "SUCCEEDED", null, Duration.ofSeconds(60));
    prodRollouts(false);
    int promoted = promote(replicas.get(replicas.size() - 1));
    if (promoted != 200) {
      throw new AssertionError("/promote answered " + promoted);
    }
    String prod = awaitPromotion("prod");
    awaitState(prod, "PENDING_APPROVAL", null, Duration.ofSeconds(30));
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(clicks, 8));
    try {
      Clicks.atOnce(pool, clicks, i -> approveOrFail(replicas.get(i % replicas.size()), prod));
    } finally {
      pool.shutdownNow();
    }
    awaitState(prod, "RUNNING", "AWAIT_ROLLOUT", Duration.ofSeconds(60));
    return new Waiting(tag, prod);
  }

  /** Approves through {@code replica}; anything but Slack's 200 fails the caller. */
  public void approveOrFail(String replica, String promotionId) {
    try {
      int status = approve(replica, promotionId);
      if (status != 200) {
        throw new AssertionError("approve through " + replica + " answered " + status);
      }
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for the first promotion into {@code env}. */
  public String awaitPromotion(String env) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String id = db.newestPromotion(env);
      if (id != null) {
        return id;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no promotion into " + env + "\n" + logs());
  }

  /** Waits until {@code promotionId} is in {@code state} (and, when given, at {@code step}). */
  public void awaitState(String promotionId, String state, String step, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (state.equals(db.state(promotionId))
          && (step == null || step.equals(db.step(promotionId)))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "promotion "
            + promotionId
            + " not "
            + state
            + (step == null ? "" : " at " + step)
            + " within "
            + timeout
            + "; it is "
            + db.state(promotionId)
            + " at "
            + db.step(promotionId)
            + "\n"
            + logs());
  }

  /**
   * Waits until a replica other than {@code from} holds the promotion's lease (it resumed it);
   * returns which.
   */
  public SharedSchema.LeaseRow awaitTakenOverFrom(String from, String promotionId, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    SharedSchema.LeaseRow last = null;
    while (System.nanoTime() < deadline) {
      last = db.lease(promotionId);
      if (last != null && !last.handedOver() && !last.instance().equals(from)) {
        return last;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("not taken over from " + from + "; lease " + last + "\n" + logs());
  }

  /**
   * The runner of credreg's open prod promotion as replica {@code through}'s state API shows it, or
   * null.
   */
  public String runnerShownBy(String through) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(replica(through).url("/api/v1/apps/credreg"))
                .header("Authorization", "Bearer " + READ_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("state API answered " + r.statusCode() + ": " + r.body());
    }
    for (var e :
        JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("environments")) {
      JsonObject env = e.getAsJsonObject();
      if ("prod".equals(env.get("env").getAsString())) {
        for (var p : env.getAsJsonArray("promotions")) {
          var runner = p.getAsJsonObject().get("runner");
          return runner == null || runner.isJsonNull() ? null : runner.getAsString();
        }
      }
    }
    return null;
  }

  /** The tail of every replica's log, for failure messages. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    running.forEach((id, jar) -> b.append("--- ").append(id).append('\n').append(jar.logTail(40)));
    return b.toString();
  }

  public URI url(String instanceId, String path) {
    return replica(instanceId).url(path);
  }

  private Path writeConfig() throws Exception {
    String yaml =
        """
        baton:
          runner:
            max-attempts: 50  # the benchmark kills the replica in the same rollout wait many times
          api:
            webhook-secret: %s
            read-token: %s
          slack:
            signing-secret: %s
            bot-token: xoxb-replica-test
            api-url: %s
          kubernetes:
            retry-backoff: 20ms
            retry-backoff-max: 200ms
            rollout-margin: 10m
          chain: [test, prod]
          environments:
            test:
              cluster: {kubeconfig: %s, context: mock, namespace: %s}
              policy: {auto-deploy: true}
            prod:
              cluster: {kubeconfig: %s, context: mock, namespace: %s}
              policy:
                required-approvals: 1
                approvers: [%s]
                deployers: [%s]
                minimum-bake: 0s
          registries:
            default: {type: oci, url: "%s", insecure: true}
          apps:
            credreg:
              channel: C0CREDREG
              workloads:
                main-app: {container: app, repository: credreg/main-app}
                worker-app: {container: worker, repository: credreg/worker-app}
        """
            .formatted(
                WEBHOOK_SECRET,
                READ_TOKEN,
                SIGNING_SECRET,
                slack.apiUrl(),
                api.kubeconfig,
                TEST_NS,
                api.kubeconfig,
                PROD_NS,
                APPROVER,
                DEPLOYER,
                registryUrl);
    Path file = dir.resolve("baton-replicas.yml");
    Files.writeString(file, yaml);
    return file;
  }

  @Override
  public void close() throws Exception {
    for (BatonJar jar : running.values()) {
      jar.close();
    }
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    db.drop();
  }
}
