package dev.baton.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.baton.cluster.TcpProxy;
import dev.baton.metrics.MetricsExporter;
import dev.baton.testing.BatonJar;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the metric-gated bake costs (issue: "evaluation overhead"): two packaged Batons with the
 * same ten apps, each running a release in test and in sandbox of a test → sandbox → prod chain,
 * one with {@code analysis.bake: true} and two checks in test and sandbox against the real
 * Prometheus of {@code scripts/test-services.sh} (the <i>watched</i> one), the other without
 * analysis. Both take the acknowledgement load of {@link RequestMix} in alternating segments
 * ({@link InterleavedAck}), so the median of the per-pair p99 ratios says what the watcher costs
 * the acknowledgements; a TCP proxy in front of Prometheus counts the watched Baton's queries
 * during the load. Skipped without {@code BATON_TEST_PROMETHEUS_URL}.
 *
 * <p>The evaluation interval is {@code baton.bench.bake-interval} ({@code
 * BATON_BENCH_BAKE_INTERVAL}, default {@code 10s}: six times the query rate of a one-minute
 * interval, to make the cost visible). Figures go to {@code target/bench/bake.json}.
 */
@Tag("benchmark")
class BakeOverheadBenchmark {
  static final Duration INTERVAL =
      Duration.parse(
          "PT" + System.getProperty("baton.bench.bake-interval", "10s").toUpperCase(Locale.ROOT));
  static final List<String> ENVS = List.of("test", "sandbox", "prod");
  static final int CHECKS = 2;

  /** credreg, as the request mix knows it, and nine more apps of one workload each. */
  static final List<String> APPS = apps();

  private static List<String> apps() {
    List<String> apps = new ArrayList<>(List.of("credreg"));
    for (int i = 2; i <= 10; i++) {
      apps.add("app%02d".formatted(i));
    }
    return List.copyOf(apps);
  }

  static Map<String, String> workloads(String app) {
    return app.equals("credreg") ? BenchWorld.CONTAINERS : Map.of("web", "app");
  }

  @Test
  void run() throws Exception {
    String prometheus = System.getenv("BATON_TEST_PROMETHEUS_URL");
    String targets = System.getenv("BATON_TEST_PROMETHEUS_TARGETS");
    Assumptions.assumeTrue(
        prometheus != null && targets != null,
        "needs the real Prometheus of scripts/test-services.sh");
    Path dir = Files.createTempDirectory("baton-bench-bake");
    Map<String, Object> results = new LinkedHashMap<>();
    try (BenchWorld world = new BenchWorld(dir);
        MetricsExporter exporter = new MetricsExporter(BakeOverheadBenchmark::exposition);
        TcpProxy proxy = new TcpProxy(URI.create(prometheus).getPort())) {
      exporter.register(targets);
      for (String variant : List.of("watched", "unwatched")) {
        for (String env : ENVS) {
          String ns = "bake-" + variant + "-" + env;
          for (String app : APPS) {
            workloads(app)
                .forEach(
                    (w, container) ->
                        world.cluster.createRolledOut(
                            ns,
                            app + "-" + w,
                            container,
                            app + "/" + w + "@sha256:" + "0".repeat(64)));
          }
          if (!env.equals("prod")) {
            world.cluster.rollOut(ns, Duration.ofMillis(20));
          }
        }
      }
      String watchedConfig = config(world, "watched", "http://127.0.0.1:" + proxy.port());
      String unwatchedConfig = config(world, "unwatched", null);
      Path watchedFile = dir.resolve("watched.yml");
      Path unwatchedFile = dir.resolve("unwatched.yml");
      Files.writeString(watchedFile, watchedConfig);
      Files.writeString(unwatchedFile, unwatchedConfig);
      List<String> flags = SlackAndDeployBenchmark.jvmFlags();
      try (BatonJar watched = world.baton(dir.resolve("watched"), flags, watchedFile).start();
          BatonJar unwatched =
              world.baton(dir.resolve("unwatched"), flags, unwatchedFile).start()) {
        watched.awaitReady(Duration.ofSeconds(90));
        unwatched.awaitReady(Duration.ofSeconds(90));
        String watchedBase = "http://127.0.0.1:" + watched.url("/").getPort();
        String unwatchedBase = "http://127.0.0.1:" + unwatched.url("/").getPort();
        RequestMix watchedMix = setUp(world, watchedBase);
        RequestMix unwatchedMix = setUp(world, unwatchedBase);
        for (String app : APPS) {
          world.await(
              watchedBase,
              app,
              app + " evaluated in test and sandbox",
              st -> evaluated(st, "test") && evaluated(st, "sandbox"),
              INTERVAL.plusSeconds(30));
        }
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("apps", APPS.size());
        setup.put("metricGatedEnvironments", "[\"test\", \"sandbox\"]");
        setup.put("checks", CHECKS);
        setup.put("intervalSeconds", INTERVAL.toSeconds());
        setup.put("jvmFlags", "\"" + String.join(" ", flags) + "\"");
        setup.put("loadAverageBefore", "\"" + SlackAndDeployBenchmark.loadAverage() + "\"");
        results.put("setup", setup);
        System.out.println(
            "BENCH bake: watched and unwatched Baton interleaved, " + watchedMix.describe());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long from = System.currentTimeMillis();
        int before = queries(proxy, 0, Long.MAX_VALUE);
        InterleavedAck.Run run =
            InterleavedAck.run(
                http,
                unwatchedBase,
                watchedBase,
                (url, prefix) ->
                    SlackAndDeployBenchmark.requests(
                        url, prefix, url.equals(watchedBase) ? watchedMix : unwatchedMix, world),
                SlackAndDeployBenchmark.RATE,
                Duration.ofSeconds(SlackAndDeployBenchmark.WARM_UP),
                SlackAndDeployBenchmark.SEGMENTS,
                Duration.ofSeconds(SlackAndDeployBenchmark.SEGMENT_SECONDS),
                SlackAndDeployBenchmark.TIMEOUT);
        long to = System.currentTimeMillis();
        setup.put("loadAverageAfter", "\"" + SlackAndDeployBenchmark.loadAverage() + "\"");
        Map<String, Object> ack = run.summary();
        // InterleavedAck names its two sides after the ack stage: here "bare" is the unwatched one
        ack.put("watched", ack.remove("baton"));
        ack.put("unwatched", ack.remove("bare"));
        ack.put("p99RatioIs", "\"watched / unwatched\"");
        results.put("ack", ack);
        int during = queries(proxy, from, to);
        double minutes = (to - from) / 60_000.0;
        int gatedPairs = APPS.size() * 2;
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("queriesDuringLoad", during);
        q.put("minutes", Math.round(minutes * 100) / 100.0);
        q.put("queriesPerMinute", Math.round(during / minutes * 10) / 10.0);
        q.put("expectedPerMinute", gatedPairs * CHECKS * 60.0 / INTERVAL.toSeconds());
        q.put(
            "perMinuteAtOneMinuteInterval",
            Math.round(during / minutes * INTERVAL.toSeconds() / 60.0 * 10) / 10.0);
        q.put("queriesBeforeLoad", before);
        results.put("prometheus", q);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("watchedRssMiB", watched.rssKiB() / 1024.0);
        memory.put("unwatchedRssMiB", unwatched.rssKiB() / 1024.0);
        results.put("memory", memory);
      }
    }
    Path out = Path.of("target/bench/bake.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(Map.of("bake", results));
    Files.writeString(out, json);
    System.out.println("BENCH bake " + json);
  }

  /** Every app's release 1 running in test and sandbox, and credreg's promotion to prod pending. */
  private static RequestMix setUp(BenchWorld world, String base) throws Exception {
    String tag = BenchWorld.tag(1);
    for (String app : APPS) {
      Map<String, String> digests = new LinkedHashMap<>();
      for (String w : workloads(app).keySet()) {
        digests.put(w, world.pushImage(app + "/" + w));
      }
      world.registerBuild(base, app, tag, 1, digests);
    }
    for (String app : APPS) {
      world.await(
          base,
          app,
          app + " " + tag + " running in test",
          st -> tag.equals(BenchWorld.current(st, "test")),
          Duration.ofSeconds(60));
      world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", app + " sandbox"));
    }
    JsonObject s = null;
    for (String app : APPS) {
      s =
          world.await(
              base,
              app,
              app + " " + tag + " running in sandbox",
              st -> tag.equals(BenchWorld.current(st, "sandbox")),
              Duration.ofSeconds(60));
    }
    s = world.state(base, "credreg");
    String finished =
        BenchWorld.env(s, "sandbox").getAsJsonObject("current").get("promotion").getAsString();
    world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod"));
    s =
        world.await(
            base,
            "a promotion to prod waiting for approval",
            st -> BenchWorld.openPromotion(st, "prod") != null,
            Duration.ofSeconds(30));
    String pending = BenchWorld.openPromotion(s, "prod").get("id").getAsString();
    RequestMix mix = new RequestMix(world, pending, finished, tag, "sandbox");
    for (RequestMix.Kind k : mix.kinds()) {
      world.send(base, k.body().apply(world.newResponseUrl()));
    }
    return mix;
  }

  /** True when the state API shows a bake evaluation of what runs in {@code env}. */
  private static boolean evaluated(JsonObject state, String env) {
    JsonElement h = BenchWorld.env(state, env).get("bakeHealth");
    return h != null
        && h.isJsonObject()
        && h.getAsJsonObject().get("state").getAsString().equals("HOLDING");
  }

  /** The queries Prometheus was sent through the proxy from {@code from} to {@code to}. */
  private static int queries(TcpProxy proxy, long from, long to) {
    int n = 0;
    for (TcpProxy.Seen s : proxy.requests()) {
      if (s.atMillis() >= from && s.atMillis() <= to && s.line().contains("/api/v1/query")) {
        n++;
      }
    }
    return n;
  }

  /** Every app healthy: a low error ratio and a low latency, as an app's exporter serves them. */
  private static String exposition() {
    StringBuilder b =
        new StringBuilder(
            "# TYPE baton_bench_error_ratio gauge\n# TYPE baton_bench_latency_seconds gauge\n");
    for (String app : APPS) {
      b.append("baton_bench_error_ratio{app=\"").append(app).append("\"} 0.002\n");
      b.append("baton_bench_latency_seconds{app=\"").append(app).append("\"} 0.12\n");
    }
    return b.toString();
  }

  /** The pipeline file of one of the two Batons; {@code prometheus} null: no analysis at all. */
  private static String config(BenchWorld world, String variant, String prometheus) {
    StringBuilder b = new StringBuilder();
    b.append("baton:\n  instance-id: bench-").append(variant).append('\n');
    b.append("  chain: [test, sandbox, prod]\n  environments:\n");
    for (String env : ENVS) {
      b.append("    ").append(env).append(":\n");
      b.append(world.clusterLine("bake-" + variant + "-" + env));
      switch (env) {
        case "test" -> b.append("      policy: {auto-deploy: true, pointer-tags: [latest]}\n");
        case "sandbox" -> b.append("      policy: {required-approvals: 0}\n");
        default ->
            b.append("      policy:\n        required-approvals: 2\n        approvers: [")
                .append(BenchWorld.APPROVER_1)
                .append(", ")
                .append(BenchWorld.APPROVER_2)
                .append("]\n        deployers: [")
                .append(BenchWorld.DEPLOYER)
                .append("]\n        pointer-tags: [prod]\n");
      }
      if (prometheus != null && !env.equals("prod")) {
        b.append("      analysis:\n")
            .append("        prometheus: {url: '")
            .append(prometheus)
            .append("'}\n")
            .append("        interval: ")
            .append(INTERVAL.toSeconds())
            .append("s\n")
            .append("        post-deploy: false\n        bake: true\n        checks:\n")
            .append("          - name: error-rate\n")
            .append("            query: 'max(baton_bench_error_ratio{app=\"{{app}}\"})'\n")
            .append("            success-when: '< 0.01'\n")
            .append("          - name: latency\n")
            .append("            query: 'max(baton_bench_latency_seconds{app=\"{{app}}\"})'\n")
            .append("            success-when: '< 0.5'\n");
      }
    }
    b.append("  registries:\n    default: {type: oci, url: '")
        .append(world.registryUrl)
        .append("', insecure: true}\n  apps:\n");
    for (String app : APPS) {
      b.append("    ").append(app).append(":\n      registry: default\n");
      b.append("      channel: '").append(BenchWorld.CHANNEL).append("'\n      workloads:\n");
      workloads(app)
          .forEach(
              (w, container) ->
                  b.append("        ")
                      .append(w)
                      .append(": {deployment: ")
                      .append(app)
                      .append('-')
                      .append(w)
                      .append(", container: ")
                      .append(container)
                      .append(", repository: ")
                      .append(app)
                      .append('/')
                      .append(w)
                      .append("}\n"));
    }
    return b.toString();
  }
}
