package dev.baton.bench;

import com.google.gson.JsonObject;
import dev.baton.testing.BatonJar;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged Baton under Slack traffic and through real promotions (DESIGN §8), against the
 * stand-ins of {@link BenchWorld}:
 *
 * <ul>
 *   <li><b>ack</b>: acknowledgement latency of {@link RequestMix} at a fixed open-loop rate, and in
 *       the same run of the bare Bolt app ({@link dev.baton.bench.bare.BareBoltApp}) started the
 *       same way; then Baton's resident memory;
 *   <li><b>deploy</b>: from the signed final Approve click to Baton's first PATCH of a Deployment
 *       (arrival at the API server), and from the moment the benchmark, as controller, marks the
 *       rollout complete to Baton's next request to the cluster or registry (and to its next {@code
 *       chat.update}).
 * </ul>
 *
 * Run by {@code bench/run.sh}; figures go to {@code target/bench/slack.json}.
 */
@Tag("benchmark")
class SlackAndDeployBenchmark {
  static final int RATE = Integer.getInteger("baton.bench.rate", 200);
  static final int WARM_UP = Integer.getInteger("baton.bench.warmup", 15);
  static final int SEGMENTS = Integer.getInteger("baton.bench.segments", 10);
  static final int SEGMENT_SECONDS = Integer.getInteger("baton.bench.segment-seconds", 6);
  static final int SAMPLES = Integer.getInteger("baton.bench.samples", 8);
  static final boolean ACK = Boolean.parseBoolean(System.getProperty("baton.bench.ack", "true"));
  static final boolean DEPLOY =
      Boolean.parseBoolean(System.getProperty("baton.bench.deploy", "true"));
  static final Duration TIMEOUT = Duration.ofSeconds(3);
  static final Duration QUIET = Duration.ofSeconds(10);
  static final Duration DRAIN = Duration.ofSeconds(Integer.getInteger("baton.bench.drain", 300));

  /**
   * Both apps as the image runs them: on {@code baton.bench.jdk25}, each with an AOT cache trained
   * first on the same flags ({@link AotCaches}); otherwise on the benchmark's own JVM, no cache.
   */
  static final boolean AOT =
      Boolean.parseBoolean(System.getProperty("baton.bench.ack-aot", "false"));

  static final String JAVA =
      AOT
          ? System.getProperty("baton.bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
          : Path.of(System.getProperty("java.home"), "bin", "java").toString();

  static List<String> jvmFlags() {
    String flags = System.getProperty("baton.bench.jvm", "").trim();
    return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
  }

  @Test
  void run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("baton-bench-slack");
    List<String> flags = jvmFlags();
    if (AOT) {
      flags = AotCaches.with(flags, "-XX:AOTCache=" + AotCaches.baton(dir, JAVA, flags));
    }
    try (BenchWorld world = new BenchWorld(dir);
        BatonJar baton = world.baton(dir.resolve("baton"), flags).java(JAVA).start()) {
      baton.awaitReady(Duration.ofSeconds(90));
      String base = "http://127.0.0.1:" + baton.url("/").getPort();
      world.register(base, 1);
      JsonObject s =
          world.await(
              base,
              "build 1 running in test",
              st -> BenchWorld.tag(1).equals(BenchWorld.current(st, "test")),
              Duration.ofSeconds(60));
      String finished =
          BenchWorld.env(s, "test").getAsJsonObject("current").get("promotion").getAsString();
      world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod"));
      s =
          world.await(
              base,
              "a promotion to prod waiting for approval",
              st -> BenchWorld.openPromotion(st, "prod") != null,
              Duration.ofSeconds(30));
      String pending = BenchWorld.openPromotion(s, "prod").get("id").getAsString();
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("registry", "\"" + world.registryKind + "\"");
      setup.put("jvmFlags", "\"" + String.join(" ", flags) + "\"");
      setup.put("java", "\"" + JAVA + "\"");
      setup.put("loadAverageBefore", "\"" + loadAverage() + "\"");
      results.put("setup", setup);
      if (ACK) {
        RequestMix mix = new RequestMix(world, pending, finished, BenchWorld.tag(1));
        for (RequestMix.Kind k : mix.kinds()) {
          // each kind is answered 200 before the load starts
          world.send(base, k.body().apply(world.newResponseUrl()));
        }
        results.putAll(ack(world, dir, base, baton, mix));
        setup.put("loadAverageAfterAck", "\"" + loadAverage() + "\"");
        write(results);
      }
      if (DEPLOY) {
        results.put("deploy", deploy(world, base));
      }
    }
    write(results);
  }

  /** The machine's 1, 5 and 15 minute load averages: how busy it was (2 cores). */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void write(Map<String, Object> results) throws java.io.IOException {
    Path out = Path.of("target/bench/slack.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(results);
    Files.writeString(out, json);
    System.out.println("BENCH slack " + json);
  }

  private Map<String, Object> ack(
      BenchWorld world, Path dir, String base, BatonJar baton, RequestMix mix) throws Exception {
    Path bareJar = BareJar.build(Path.of(System.getProperty("baton.bench.classpath")), dir);
    List<String> bareFlags = jvmFlags();
    if (AOT) {
      bareFlags =
          AotCaches.with(
              bareFlags, "-XX:AOTCache=" + AotCaches.bare(world, bareJar, dir, JAVA, bareFlags));
    }
    BatonJar.Options bareOptions =
        AotCaches.bareApp(world, bareJar, dir.resolve("bare"), JAVA, bareFlags);
    Map<String, Object> out = new LinkedHashMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try (BatonJar bare = bareOptions.start()) {
      bare.awaitReady(Duration.ofSeconds(60));
      String bareBase = "http://127.0.0.1:" + bare.url("/").getPort();
      for (RequestMix.Kind k : mix.kinds()) {
        world.send(bareBase, k.body().apply(world.newResponseUrl()));
      }
      System.out.println("BENCH ack: bare Bolt app and Baton interleaved, " + mix.describe());
      InterleavedAck.Run run =
          InterleavedAck.run(
              http,
              bareBase,
              base,
              (url, prefix) -> requests(url, prefix, mix, world),
              RATE,
              Duration.ofSeconds(WARM_UP),
              SEGMENTS,
              Duration.ofSeconds(SEGMENT_SECONDS),
              TIMEOUT);
      long loadEnded = System.currentTimeMillis();
      Map<String, Object> ack = run.summary();
      ack.put("warmUpSeconds", WARM_UP);
      out.put("ack", ack);
      out.put("answers", answers(world, run.of("baton"), mix, loadEnded));
      Map<String, Object> memory = new LinkedHashMap<>();
      double batonRss = baton.rssKiB() / 1024.0;
      double bareRss = bare.rssKiB() / 1024.0;
      memory.put("batonRssMiB", batonRss);
      memory.put("bareRssMiB", bareRss);
      memory.put("rssRatio", Math.round(batonRss / bareRss * 1000) / 1000.0);
      // With -XX:NativeMemoryTracking=summary in BATON_BENCH_JVM: where the memory went, both apps
      nativeMemory(baton, "baton");
      nativeMemory(bare, "bare");
      out.put("memory", memory);
    }
    return out;
  }

  /**
   * Writes {@code jcmd <pid> VM.native_memory summary} and the thread names (counted by pool) of
   * the app to {@code target/bench/nmt-<name>.txt} when native memory tracking is on.
   */
  private static void nativeMemory(BatonJar app, String name) {
    if (jvmFlags().stream().noneMatch(f -> f.startsWith("-XX:NativeMemoryTracking="))) {
      return;
    }
    try {
      String jcmd = Path.of(JAVA).resolveSibling("jcmd").toString();
      StringBuilder out = new StringBuilder();
      // the class histogram collects first (live objects only); the heap's figures after it
      for (String command :
          List.of("VM.native_memory", "Thread.print", "GC.class_histogram", "GC.heap_info")) {
        Process p =
            new ProcessBuilder(
                    command.equals("VM.native_memory")
                        ? List.of(jcmd, Long.toString(app.pid()), command, "summary")
                        : List.of(jcmd, Long.toString(app.pid()), command))
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        if (command.equals("Thread.print")) {
          Map<String, Integer> pools = new java.util.TreeMap<>();
          for (String line : text.split("\n")) {
            if (line.startsWith("\"")) {
              String thread = line.substring(1, line.indexOf('"', 1));
              pools.merge(thread.replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
            }
          }
          out.append("threads by pool: ").append(pools).append('\n');
        } else if (command.equals("GC.class_histogram")) {
          text.lines().limit(45).forEach(l -> out.append(l).append('\n'));
        } else {
          out.append(text);
        }
      }
      Path file = Path.of("target/bench/nmt-" + name + ".txt");
      Files.writeString(file, out);
      System.out.println("BENCH native memory of " + name + " in " + file);
    } catch (IOException e) {
      System.out.println("BENCH native memory of " + name + " not read: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static java.util.function.IntFunction<java.net.http.HttpRequest> requests(
      String base, String prefix, RequestMix mix, BenchWorld world) {
    return i ->
        BenchWorld.signed(
            base, mix.kind(i).body().apply(world.slack.responseUrl(prefix + i)), TIMEOUT);
  }

  /**
   * Every request of the mix is answered once through its {@code response_url} after the
   * acknowledgement. Waits (at most {@link #DRAIN} after the load) until Baton has answered all the
   * measured requests, and reports how long after its due time each answer came, how many were
   * never answered, and how long after the end of the load the last one came.
   */
  private static Map<String, Object> answers(
      BenchWorld world, List<InterleavedAck.Segment> segments, RequestMix mix, long loadEnded)
      throws InterruptedException {
    int expected = segments.stream().mapToInt(g -> g.result().sent()).sum();
    Map<String, Long> at = world.slack.responses("b");
    long end = loadEnded + DRAIN.toMillis();
    int seen = -1;
    long quietSince = System.currentTimeMillis();
    // Until every measured request is answered, or no new answer came for QUIET (some kinds may
    // answer elsewhere), or DRAIN passed.
    while (measuredAnswers(at, segments) < expected && System.currentTimeMillis() < end) {
      int now = at.size();
      if (now != seen) {
        seen = now;
        quietSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - quietSince > QUIET.toMillis()) {
        break;
      }
      Thread.sleep(500);
      at = world.slack.responses("b");
    }
    Latencies answered = new Latencies();
    Map<String, Integer> unanswered = new java.util.TreeMap<>();
    long last = loadEnded;
    for (InterleavedAck.Segment g : segments) {
      OpenLoop.Result r = g.result();
      for (int i = r.first(); i < r.total(); i++) {
        Long t = at.get(g.prefix() + i);
        if (t != null) {
          answered.add((t - r.dueMillis(i)) * 1000);
          last = Math.max(last, t);
        } else {
          unanswered.merge(mix.kind(i).name(), 1, Integer::sum);
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>(answered.summary());
    m.put("unanswered", expected - answered.count());
    m.put("drainAfterLoadMs", last - loadEnded);
    System.out.println("BENCH answers " + m + ", unanswered by kind " + unanswered);
    return m;
  }

  private static int measuredAnswers(Map<String, Long> at, List<InterleavedAck.Segment> segments) {
    int n = 0;
    for (InterleavedAck.Segment g : segments) {
      for (int i = g.result().first(); i < g.result().total(); i++) {
        n += at.containsKey(g.prefix() + i) ? 1 : 0;
      }
    }
    return n;
  }

  /** One promotion per sample: build n registered, auto-deployed to test, promoted to prod. */
  private Map<String, Object> deploy(BenchWorld world, String base) throws Exception {
    Latencies toWrite = new Latencies();
    Latencies noticed = new Latencies();
    Latencies noticedInSlack = new Latencies();
    List<String> noticedBy = new ArrayList<>();
    long coldWrite = -1;
    // Sample 0 is the first promotion this Baton runs (classes loaded, code not yet compiled):
    // reported on its own, not among the samples.
    for (int sample = 0; sample <= SAMPLES; sample++) {
      int n = sample + 2;
      String tag = BenchWorld.tag(n);
      BenchWorld.OneApprovalLeft prod = world.toProdWithOneApprovalLeft(base, n);
      Map<String, String> digests = prod.digests();
      String finalClick = prod.finalClick();
      long clicked = System.currentTimeMillis();
      world.send(base, finalClick);
      long written =
          BenchWorld.awaitTime(
              "Baton's first write to prod",
              () ->
                  world.cluster.first("PATCH", "/namespaces/" + BenchWorld.PROD_NS + "/", clicked));
      if (sample == 0) {
        coldWrite = written - clicked;
      } else {
        toWrite.add((written - clicked) * 1000);
      }
      for (String w : List.of("main-app", "worker-app")) {
        BenchWorld.awaitTime(
            "image of " + w + " set in prod",
            () ->
                world
                        .cluster
                        .image(BenchWorld.PROD_NS, w, BenchWorld.CONTAINERS.get(w))
                        .endsWith(digests.get(w))
                    ? OptionalLong.of(0)
                    : OptionalLong.empty());
      }
      Thread.sleep(300);
      world.cluster.completeRollout(BenchWorld.PROD_NS, "worker-app");
      Thread.sleep(300);
      long complete = world.cluster.completeRollout(BenchWorld.PROD_NS, "main-app");
      long clusterNext =
          BenchWorld.awaitTime(
              "Baton's next cluster request", () -> world.cluster.first(null, null, complete));
      OptionalLong registryNext = world.registryRequest(complete);
      long next =
          registryNext.isPresent() ? Math.min(clusterNext, registryNext.getAsLong()) : clusterNext;
      noticedBy.add(next == clusterNext ? "cluster" : "registry");
      if (sample > 0) {
        noticed.add((next - complete) * 1000);
      }
      world.await(
          base,
          tag + " running in prod",
          st -> tag.equals(BenchWorld.current(st, "prod")),
          Duration.ofSeconds(60));
      long update =
          BenchWorld.awaitTime(
              "chat.update after the rollout",
              () -> world.slack.firstCall("chat.update", complete));
      if (sample > 0) {
        noticedInSlack.add((update - complete) * 1000);
      }
      System.out.printf(
          "BENCH deploy %s: approval->write %d ms, rollout->next request %d ms (%s), ->chat.update %d ms%n",
          tag, written - clicked, next - complete, noticedBy.get(sample), update - complete);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("firstApprovalToClusterWriteMs", coldWrite);
    out.put("approvalToClusterWrite", toWrite.summary());
    out.put("rolloutNoticed", noticed.summary());
    out.put("rolloutNoticedInSlack", noticedInSlack.summary());
    return out;
  }
}
