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
  static final int CHECKS = 2;

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
      TenApps.createDeployments(world, "bake-watched");
      TenApps.createDeployments(world, "bake-unwatched");
      String watchedConfig =
          TenApps.config(world, "bake-watched", analysis("http://127.0.0.1:" + proxy.port()));
      String unwatchedConfig = TenApps.config(world, "bake-unwatched", null);
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
        for (String app : TenApps.APPS) {
          world.await(
              watchedBase,
              app,
              app + " evaluated in test and sandbox",
              st -> evaluated(st, "test") && evaluated(st, "sandbox"),
              INTERVAL.plusSeconds(30));
        }
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("apps", TenApps.APPS.size());
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
        int gatedPairs = TenApps.APPS.size() * 2;
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

  /** Every app's build 1 running in test and sandbox, and credreg's promotion to prod pending. */
  private static RequestMix setUp(BenchWorld world, String base) throws Exception {
    TenApps.inTest(world, base, 1);
    TenApps.promoteAllToSandbox(world, base);
    TenApps.inSandbox(world, base, 1, Duration.ofSeconds(60));
    return TenApps.pendingProd(world, base, 1);
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
    for (String app : TenApps.APPS) {
      b.append("baton_bench_error_ratio{app=\"").append(app).append("\"} 0.002\n");
      b.append("baton_bench_latency_seconds{app=\"").append(app).append("\"} 0.12\n");
    }
    return b.toString();
  }

  /** The {@code analysis:} block of test and sandbox in the watched Baton. */
  private static String analysis(String prometheus) {
    return "      analysis:\n"
        + "        prometheus: {url: '"
        + prometheus
        + "'}\n"
        + "        interval: "
        + INTERVAL.toSeconds()
        + "s\n"
        + "        post-deploy: false\n        bake: true\n        checks:\n"
        + "          - name: error-rate\n"
        + "            query: 'max(baton_bench_error_ratio{app=\"{{app}}\"})'\n"
        + "            success-when: '< 0.01'\n"
        + "          - name: latency\n"
        + "            query: 'max(baton_bench_latency_seconds{app=\"{{app}}\"})'\n"
        + "            success-when: '< 0.5'\n";
  }
}
