package dev.baton.bench;

import com.google.gson.JsonObject;
import dev.baton.testing.BatonJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time-driven work of the packaged Baton, done at its instant rather than at the next sweep:
 *
 * <ul>
 *   <li><b>bake end → first write</b>: a promotion into staging (no approvals, {@link #BAKE} of
 *       minimum bake) is requested as soon as test runs the build, so it waits APPROVED for its
 *       bake; from the bake's end by Baton's own rule (the test deployment's completion as Baton
 *       recorded it, {@code current.since} of the state API, plus the minimum bake) to the arrival
 *       of Baton's first PATCH of a Deployment in staging;
 *   <li><b>registration → first write</b>, first link idle: from the signed {@code POST
 *       /api/v1/builds} returning (and, beside it, from its sending) to Baton's first PATCH in
 *       test;
 *   <li><b>lane freed → first write</b>: builds registered while test still rolls out the previous
 *       one (the benchmark holds test's controller); from the moment the benchmark, as controller,
 *       marks the previous rollout complete to Baton's first PATCH for the waiting build.
 * </ul>
 *
 * The sweep keeps its default interval (15 s), so it cannot be what acts in time. Run by {@code
 * bench/run.sh} (stage {@code wakeup}); figures go to {@code target/bench/wakeup.json}.
 */
@Tag("benchmark")
class WakeUpBenchmark {
  static final int SAMPLES = Integer.getInteger("baton.bench.wakeups", 30);
  static final Duration BAKE = Duration.ofSeconds(3);
  static final String STAGING_NS = "credreg-staging";
  static final Duration STEP = Duration.ofMillis(20);

  @Test
  void run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("baton-bench-wakeup");
    try (BenchWorld world = new BenchWorld(dir)) {
      BenchWorld.CONTAINERS.forEach(
          (workload, container) ->
              world.cluster.createRolledOut(
                  STAGING_NS,
                  workload,
                  container,
                  "credreg/" + workload + "@sha256:" + "0".repeat(64)));
      world.cluster.rollOut(STAGING_NS, STEP);
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("loadAverageBefore", quoted(SlackAndDeployBenchmark.loadAverage()));
      try (BatonJar baton =
          world
              .baton(dir.resolve("baton"), SlackAndDeployBenchmark.jvmFlags(), config(world))
              .start()) {
        baton.awaitReady(Duration.ofSeconds(90));
        String base = "http://127.0.0.1:" + baton.url("/").getPort();
        Samples s = new Samples();
        int n = 1;
        // build 1 is the cold one: reported on its own, not among the samples
        for (int i = 0; i <= SAMPLES; i++, n++) {
          bakeSample(world, base, n, i == 0, s);
        }
        laneSamples(world, base, n, s);
        machine.put("loadAverageAfter", quoted(SlackAndDeployBenchmark.loadAverage()));
        machine.put("jvmFlags", quoted(String.join(" ", SlackAndDeployBenchmark.jvmFlags())));
        machine.put("registry", quoted(world.registryKind));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("machine", machine);
        w.put("minimumBakeSeconds", BAKE.toSeconds());
        w.put("firstBakeEndToClusterWriteMs", s.coldBake);
        w.put("firstRegistrationToClusterWriteMs", s.coldRegistration);
        w.put("bakeEndToClusterWrite", s.bake.summary());
        w.put("registrationToClusterWrite", s.registration.summary());
        w.put("registrationSentToClusterWrite", s.registrationSent.summary());
        w.put("laneFreedToClusterWrite", s.laneFreed.summary());
        w.put("laneRecordedToClusterWrite", s.laneRecorded.summary());
        results.put("wakeup", w);
      }
    }
    Path out = Path.of("target/bench/wakeup.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(results);
    Files.writeString(out, json);
    System.out.println("BENCH wakeup " + json);
  }

  /** A string for {@link AuditAndRegistrationBenchmark.Json}, which writes values as they are. */
  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  /** The latencies collected, in microseconds, and the cold first sample in milliseconds. */
  private static final class Samples {
    final Latencies bake = new Latencies();
    final Latencies registration = new Latencies();
    final Latencies registrationSent = new Latencies();
    final Latencies laneFreed = new Latencies();
    final Latencies laneRecorded = new Latencies();
    long coldBake = -1;
    long coldRegistration = -1;
  }

  /** Chain test (auto-deploy) → staging (no approvals, deployers only, minimum bake). */
  private static Path config(BenchWorld world) throws IOException {
    Path file = world.dir.resolve("baton-wakeup.yml");
    Files.writeString(
        file,
        "baton:\n"
            + "  instance-id: bench\n"
            + "  chain: [test, staging]\n"
            + "  environments:\n"
            + "    test:\n"
            + world.clusterLine(BenchWorld.TEST_NS)
            + "      policy: {auto-deploy: true}\n"
            + "    staging:\n"
            + world.clusterLine(STAGING_NS)
            + "      policy:\n"
            + "        required-approvals: 0\n"
            + "        deployers: ["
            + BenchWorld.DEPLOYER
            + "]\n"
            + "        minimum-bake: "
            + BAKE.toSeconds()
            + "s\n"
            + world.registryAndApp());
    return file;
  }

  /**
   * Build n, test idle: registration → first write in test; then /promote to staging at once, and
   * bake end → first write in staging. Returns when staging runs the build.
   */
  private static void bakeSample(BenchWorld world, String base, int n, boolean cold, Samples s)
      throws Exception {
    String tag = BenchWorld.tag(n);
    BenchWorld.Registered r = world.registerTimed(base, n);
    long testWrite = firstPatch(world, BenchWorld.TEST_NS, r.sentMillis());
    JsonObject st =
        world.await(
            base,
            tag + " running in test",
            x -> tag.equals(BenchWorld.current(x, "test")),
            Duration.ofSeconds(60));
    world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg staging"));
    Instant completed =
        Instant.parse(
            BenchWorld.env(st, "test").getAsJsonObject("current").get("since").getAsString());
    Instant bakeEnd = completed.plus(BAKE);
    JsonObject waiting =
        world.await(
            base,
            tag + " approved, waiting for its bake in staging",
            x -> {
              JsonObject p = BenchWorld.openPromotion(x, "staging");
              return p != null || tag.equals(BenchWorld.current(x, "staging"));
            },
            Duration.ofSeconds(30));
    JsonObject p = BenchWorld.openPromotion(waiting, "staging");
    if (p == null || !"APPROVED".equals(p.get("state").getAsString())) {
      throw new IllegalStateException(
          "the promotion did not wait for its bake (" + p + "); is the machine too slow?");
    }
    long stagingWrite = firstPatch(world, STAGING_NS, bakeEnd.toEpochMilli() - 1000);
    long bakeToWriteMicros = (stagingWrite - bakeEnd.toEpochMilli()) * 1000;
    if (bakeToWriteMicros < 0) {
      throw new IllegalStateException("staging was written before the bake ended: " + tag);
    }
    long regToWrite = testWrite - r.returnedMillis();
    if (cold) {
      s.coldBake = bakeToWriteMicros / 1000;
      s.coldRegistration = regToWrite;
    } else {
      s.bake.add(bakeToWriteMicros);
      s.registration.add(regToWrite * 1000);
      s.registrationSent.add((testWrite - r.sentMillis()) * 1000);
    }
    world.await(
        base,
        tag + " running in staging",
        x -> tag.equals(BenchWorld.current(x, "staging")),
        Duration.ofSeconds(60));
    System.out.printf(
        "BENCH wakeup %s: registration returned -> test write %d ms (sent -> %d ms),"
            + " bake end -> staging write %d ms%n",
        tag, regToWrite, testWrite - r.sentMillis(), bakeToWriteMicros / 1000);
  }

  /**
   * With test's controller held, build n rolls out and stays unfinished; build n+1 is registered
   * (its auto-deploy deferred), then the benchmark completes n's rollout: from then to the first
   * write for n+1. Each build's completion frees the lane for the next one, SAMPLES times; all are
   * samples, since the code paths ran warm in the bake samples before.
   */
  private static void laneSamples(BenchWorld world, String base, int first, Samples s)
      throws Exception {
    world.cluster.paused(BenchWorld.TEST_NS, true);
    Thread.sleep(5 * STEP.toMillis()); // let a step under way finish
    int n = first;
    Map<String, String> rolling = world.register(base, n);
    awaitImages(world, rolling);
    for (int i = 0; i < SAMPLES; i++, n++) {
      String waitingTag = BenchWorld.tag(n + 1);
      BenchWorld.Registered next = world.registerTimed(base, n + 1);
      Thread.sleep(300); // the registration is deferred: test still rolls out build n
      if (world
          .cluster
          .first("PATCH", "/namespaces/" + BenchWorld.TEST_NS + "/", next.sentMillis())
          .isPresent()) {
        throw new IllegalStateException(waitingTag + " was deployed while test was busy");
      }
      world.cluster.completeRollout(BenchWorld.TEST_NS, "worker-app");
      long complete = world.cluster.completeRollout(BenchWorld.TEST_NS, "main-app");
      long write = firstPatch(world, BenchWorld.TEST_NS, complete);
      String doneTag = BenchWorld.tag(n);
      JsonObject st =
          world.await(
              base,
              doneTag + " recorded in test",
              x -> {
                JsonObject t = BenchWorld.env(x, "test");
                return t.get("current").isJsonObject()
                    && !t.getAsJsonArray("promotions").isEmpty()
                    && waitingTag.equals(
                        BenchWorld.openPromotion(x, "test").get("release").getAsString());
              },
              Duration.ofSeconds(30));
      // the lane as Baton saw it free: its recorded completion of build n
      long recorded = recordedCompletion(doneTag, st);
      s.laneFreed.add((write - complete) * 1000);
      s.laneRecorded.add((write - recorded) * 1000);
      awaitImages(world, next.digests());
      System.out.printf(
          "BENCH wakeup lane: %s complete -> %s written %d ms (recorded -> %d ms)%n",
          doneTag, waitingTag, write - complete, write - recorded);
    }
    world.cluster.paused(BenchWorld.TEST_NS, false);
    String last = BenchWorld.tag(n);
    world.await(
        base,
        last + " running in test",
        x -> last.equals(BenchWorld.current(x, "test")),
        Duration.ofSeconds(60));
  }

  /** When Baton recorded {@code tag} as running in test, from the release history. */
  private static long recordedCompletion(String tag, JsonObject state) {
    JsonObject current = BenchWorld.env(state, "test").getAsJsonObject("current");
    if (tag.equals(current.get("release").getAsString())) {
      return Instant.parse(current.get("since").getAsString()).toEpochMilli();
    }
    throw new IllegalStateException("test runs " + current + ", expected " + tag);
  }

  private static void awaitImages(BenchWorld world, Map<String, String> digests)
      throws InterruptedException {
    for (String w : List.of("main-app", "worker-app")) {
      BenchWorld.awaitTime(
          "image of " + w + " set in test",
          () ->
              world
                      .cluster
                      .image(BenchWorld.TEST_NS, w, BenchWorld.CONTAINERS.get(w))
                      .endsWith(digests.get(w))
                  ? OptionalLong.of(0)
                  : OptionalLong.empty());
    }
  }

  private static long firstPatch(BenchWorld world, String namespace, long fromMillis)
      throws InterruptedException {
    return BenchWorld.awaitTime(
        "Baton's first write to " + namespace,
        () -> world.cluster.first("PATCH", "/namespaces/" + namespace + "/", fromMillis));
  }
}
