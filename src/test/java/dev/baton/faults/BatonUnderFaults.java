package dev.baton.faults;

import dev.baton.cluster.FakeDeploymentController;
import dev.baton.cluster.FakeJobController;
import dev.baton.cluster.MockApi;
import dev.baton.cluster.TcpProxy;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.RegisterBuild;
import dev.baton.pipeline.model.Promotion;
import dev.baton.registry.TestServices;
import dev.baton.registry.oci.ImagePusher;
import dev.baton.registry.oci.RegistryProxy;
import dev.baton.slack.SlackSigner;
import dev.baton.slack.SlackStandIn;
import dev.baton.slack.notify.SlackChat;
import dev.baton.testing.Http;
import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Baton as people run it — a Micronaut server with its real adapters — wired to real neighbours
 * with a fault injector in front of each: the OCI adapter talks to the real {@code docker-registry}
 * through a {@link RegistryProxy}; the Kubernetes adapter talks to fabric8's mock API server (CRUD
 * mode, the test playing the Deployment and Job controllers) through a {@link TcpProxy}; Slack's
 * Web API is the {@link SlackStandIn}, which can refuse connections, answer 5xx or rate-limit.
 *
 * <p>The chain is test (auto-deploy, tag {@code latest}) → prod (no approvals, tag {@code prod},
 * auto-rollback); a migration Job runs before each rollout. Timeouts and retry budgets are short
 * (set through configuration, as an operator would), so that every fault resolves in seconds.
 */
final class BatonUnderFaults implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  static final String APP = "credreg";
  static final String CHANNEL = "#credreg-deploys";
  static final String SIGNING_SECRET = "faults-signing-secret-7f3a9c";
  static final String BOT_TOKEN = "xoxb-faults-bot-token-51d0e2";
  static final String KUBE_TOKEN = "not-a-real-token";
  static final String DEPLOYER = "UDEPLOYER";
  static final List<String> ENVS = List.of("test", "prod");
  static final Map<String, String> CONTAINERS = Map.of("main-app", "app", "worker-app", "worker");
  static final Map<String, String> POINTER_TAGS = Map.of("test", "latest", "prod", "prod");

  /** Each environment's progress deadline: short, so stuck rollouts fail in seconds. */
  static final int PROGRESS_DEADLINE_SECONDS = 2;

  private static final Logger QUIET_MOCK =
      Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  /** The digests of one registered build, by workload. */
  record Build(int number, String tag, Map<String, String> digests) {
    /** The image reference Baton sets for {@code workload}. */
    String image(BatonUnderFaults baton, String workload) {
      return baton.repository(workload) + "@" + digests.get(workload);
    }
  }

  final String registryUrl;
  final String repoPrefix = "faults" + UUID.randomUUID().toString().substring(0, 8);
  final SlackStandIn slack;
  final RegistryProxy registry;
  final ImagePusher pusher;
  final MockApi api;
  final TcpProxy apiProxy;
  final Map<String, FakeDeploymentController> deployments = new HashMap<>();
  final Map<String, FakeJobController> jobs = new HashMap<>();
  final InProcessBaton baton;
  final ApplicationContext context;
  final EmbeddedServer server;
  private final AtomicInteger buildNumbers = new AtomicInteger();
  private final Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int responses;

  BatonUnderFaults(Path dir) throws IOException {
    this.dir = dir;
    QUIET_MOCK.setLevel(Level.WARNING); // it logs every request otherwise
    registryUrl = TestServices.lookup(TestServices.REGISTRY_URL);
    TestServices.assumeSet(registryUrl, TestServices.REGISTRY_URL);
    slack = new SlackStandIn();
    registry = new RegistryProxy(registryUrl);
    pusher = new ImagePusher(registryUrl);
    api = MockApi.startBehindProxy(dir);
    apiProxy = api.proxy;
    for (String env : ENVS) {
      String ns = namespace(env);
      for (var w : CONTAINERS.entrySet()) {
        api.createRolledOut(ns, w.getKey(), w.getValue(), repository(w.getKey()) + ":bootstrap");
        api.progressDeadline(ns, w.getKey(), PROGRESS_DEADLINE_SECONDS);
      }
      deployments.put(env, new FakeDeploymentController(api.client, ns, Duration.ofMillis(30)));
      jobs.put(env, new FakeJobController(api, ns, Duration.ofMillis(30)));
    }
    baton =
        InProcessBaton.builder()
            .properties(properties(dir))
            .environments("faults")
            .withServer()
            .start();
    context = baton.context();
    server = baton.server();
  }

  private Map<String, Object> properties(Path dir) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("baton.instance-id", "faults");
    p.put("baton.runner.max-attempts", 2);
    // the registry: through the fault proxy, with a short timeout and retry budget
    p.put("baton.registries.default.type", "oci");
    p.put("baton.registries.default.url", registry.url());
    p.put("baton.registries.default.insecure", true);
    p.put("baton.registries.default.timeout", "1s");
    p.put("baton.registries.default.retry.max-attempts", 4);
    p.put("baton.registries.default.retry.base-delay", "50ms");
    p.put("baton.registries.default.retry.max-delay", "2s");
    p.put("baton.registries.default.retry.max-total", "4s");
    // the cluster: the mock API server behind the TCP proxy
    p.put("baton.kubernetes.request-timeout", "2s");
    p.put("baton.kubernetes.retry-attempts", 4);
    p.put("baton.kubernetes.retry-backoff", "50ms");
    p.put("baton.kubernetes.retry-backoff-max", "200ms");
    p.put("baton.kubernetes.rollout-margin", "1s");
    p.put("baton.kubernetes.resync-interval", "1s");
    p.put("baton.kubernetes.log-lines", 5);
    // Slack: the stand-in
    p.put("baton.slack.signing-secret", SIGNING_SECRET);
    p.put("baton.slack.bot-token", BOT_TOKEN);
    p.put("baton.slack.api-url", slack.apiUrl());
    p.put("baton.slack.refresh-enabled", "false");
    // the pipeline
    p.put("baton.chain", ENVS);
    for (String env : ENVS) {
      String key = "baton.environments." + env;
      p.put(key + ".cluster.kubeconfig", api.kubeconfig.toString());
      p.put(key + ".cluster.context", MockApi.CONTEXT);
      p.put(key + ".cluster.namespace", namespace(env));
      p.put(key + ".policy.pointer-tags", List.of(POINTER_TAGS.get(env)));
      p.put(key + ".policy.freeze-after-rollback", false);
    }
    p.put("baton.environments.test.policy.auto-deploy", true);
    p.put("baton.environments.prod.policy.deployers", List.of(DEPLOYER));
    String app = "baton.apps." + APP;
    p.put(app + ".registry", "default");
    p.put(app + ".channel", CHANNEL);
    for (var w : CONTAINERS.entrySet()) {
      p.put(app + ".workloads." + w.getKey() + ".container", w.getValue());
      p.put(app + ".workloads." + w.getKey() + ".repository", repository(w.getKey()));
    }
    p.put(app + ".migration.workload", "main-app");
    p.put(app + ".migration.phase", "before-rollout");
    p.put(app + ".migration.command", List.of("bin/migrate", "--apply"));
    return p;
  }

  static String namespace(String env) {
    return "faults-" + env;
  }

  String repository(String workload) {
    return repoPrefix + "/" + workload;
  }

  PipelineCore core() {
    return context.getBean(PipelineCore.class);
  }

  SlackChat chat() {
    return context.getBean(SlackChat.class);
  }

  /** A build number no scenario has used. */
  int nextBuild() {
    return buildNumbers.incrementAndGet();
  }

  /** Pushes build {@code n}'s two images to the registry, as CI does before it registers. */
  Build push(int n) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String w : CONTAINERS.keySet()) {
      digests.put(w, pusher.image(repository(w), ImagePusher.Style.OCI).digest());
    }
    return new Build(n, String.format("2026.11.22.%04d", n), Map.copyOf(digests));
  }

  /** Registers a pushed build, which deploys it to test. */
  Build register(Build b) {
    core()
        .builds()
        .register(
            new RegisterBuild(
                APP,
                b.tag(),
                String.format("%040x", b.number()),
                "https://ci.example/runs/" + b.number(),
                b.digests()),
            "ci");
    return b;
  }

  /** The newest promotion of {@code tag} into {@code env}, if any. */
  Optional<Promotion> promotion(String env, String tag) {
    return core().ports().store().read(r -> r.recentPromotions(APP, 50)).stream()
        .filter(p -> p.env().equals(env) && p.releaseTag().equals(tag))
        .findFirst();
  }

  /** Sends {@code /promote credreg prod} as the deployer, signed as Slack signs it. */
  HttpResponse<String> slashPromote(String env) {
    String body =
        form(
            "token", "legacy-verification-token",
            "team_id", "T1",
            "team_domain", "example-co",
            "channel_id", SlackStandIn.channelId(CHANNEL),
            "channel_name", "credreg-deploys",
            "user_id", DEPLOYER,
            "user_name", "deployer",
            "command", "/promote",
            "text", APP + " " + env,
            "api_app_id", "A1",
            "is_enterprise_install", "false",
            "response_url", slack.responseUrl("r" + ++responses),
            "trigger_id", "1111.2222.abcd");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/slack/events"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", ts)
            .header("X-Slack-Signature", new SlackSigner(SIGNING_SECRET).sign(ts, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return Http.send(http, request);
  }

  private static String form(String... kv) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < kv.length; i += 2) {
      b.append(b.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** What the Deployment of {@code workload} in {@code env} asks for now. */
  String imageIn(String env, String workload) {
    return MockApi.imageOf(api.deployment(namespace(env), workload), CONTAINERS.get(workload));
  }

  @Override
  public void close() throws Exception {
    try {
      stopAll();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void stopAll() throws Exception {
    for (FakeDeploymentController c : deployments.values()) {
      c.close();
    }
    for (FakeJobController c : jobs.values()) {
      c.close();
    }
    if (context != null) {
      context.close();
    }
    apiProxy.close();
    api.close();
    registry.close();
    slack.close();
  }
}
