package dev.baton.bench;

import dev.baton.testing.BatonJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall time from {@code java -jar} to the first served request ({@code GET /health}) of the
 * packaged Baton with the benchmark's pipeline and a fresh H2 database each time (median of several
 * starts), without and with a class-data archive: JDK 17 AppCDS ({@code -XX:ArchiveClassesAtExit}
 * on a training run, then {@code -XX:SharedArchiveFile}), and, when a JDK 25 is found, JDK 25 alone
 * and with its AOT cache ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}). Also the resident
 * memory right after start. Run by {@code bench/run.sh}; figures go to {@code
 * target/bench/startup.json}.
 */
@Tag("benchmark")
class StartupBenchmark {
  static final int STARTS = Integer.getInteger("baton.bench.starts", 5);

  /** False to measure only the JDK 25 variants, e.g. with flags JDK 17 does not know. */
  static final boolean WITH_JDK17 =
      Boolean.parseBoolean(System.getProperty("baton.bench.jdk17", "true"));

  static final String JDK17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static final String JDK25 =
      System.getProperty("baton.bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-startup");
    Map<String, Object> results = new LinkedHashMap<>();
    try (BenchWorld world = new BenchWorld(dir)) {
      List<String> flags = SlackAndDeployBenchmark.jvmFlags();
      Path bareJar = BareJar.build(Path.of(System.getProperty("baton.bench.classpath")), dir);
      if (WITH_JDK17) {
        results.put("jdk17", starts(world, bareJar, "jdk17", JDK17, flags, flags));
        Path jsa = dir.resolve("baton.jsa");
        Path bareJsa = dir.resolve("bare.jsa");
        train(world, JDK17, flags, "-XX:ArchiveClassesAtExit=" + jsa, jsa);
        AotCaches.trainBare(
            world,
            bareJar,
            dir.resolve("training-bare.jsa"),
            JDK17,
            AotCaches.with(flags, "-XX:ArchiveClassesAtExit=" + bareJsa),
            bareJsa);
        results.put(
            "jdk17AppCds",
            starts(
                world,
                bareJar,
                "jdk17-cds",
                JDK17,
                AotCaches.with(flags, "-XX:SharedArchiveFile=" + jsa),
                AotCaches.with(flags, "-XX:SharedArchiveFile=" + bareJsa)));
      }
      if (Files.isExecutable(Path.of(JDK25))) {
        results.put("jdk25", starts(world, bareJar, "jdk25", JDK25, flags, flags));
        Path aot = AotCaches.baton(dir, JDK25, flags);
        Path bareAot = AotCaches.bare(world, bareJar, dir, JDK25, flags);
        results.put(
            "jdk25AotCache",
            starts(
                world,
                bareJar,
                "jdk25-aot",
                JDK25,
                AotCaches.with(flags, "-XX:AOTCache=" + aot),
                AotCaches.with(flags, "-XX:AOTCache=" + bareAot)));
      } else {
        System.out.println("BENCH startup: no JDK 25 at " + JDK25 + "; AOT cache not measured");
      }
    }
    Path out = Path.of("target/bench/startup.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(Map.of("startup", results));
    Files.writeString(out, json);
    System.out.println("BENCH startup " + json);
  }

  /**
   * {@link #STARTS} starts of Baton, each in a new directory with a new database and then once more
   * in the same directory after a graceful stop (a restart: the schema is there), interleaved with
   * as many starts of the bare Bolt app under the same JVM (its own archive where the variant uses
   * one): Baton's medians and extremes, the bare app's median, and the medians of the per-pair
   * ratios.
   */
  private static Map<String, Object> starts(
      BenchWorld world,
      Path bareJar,
      String name,
      String java,
      List<String> flags,
      List<String> bareFlags)
      throws Exception {
    Latencies startup = new Latencies();
    Latencies restart = new Latencies();
    Latencies bareStartup = new Latencies();
    double[] ratios = new double[STARTS];
    double[] restartRatios = new double[STARTS];
    double rss = 0;
    for (int i = 0; i < STARTS; i++) {
      long baton;
      long again;
      BatonJar.Options o = world.baton(world.dir.resolve(name + "-" + i), flags).java(java);
      try (BatonJar b = o.start()) {
        baton = b.awaitReady(Duration.ofSeconds(90)).toNanos() / 1000;
        rss = Math.max(rss, b.rssKiB() / 1024.0);
        b.stop(Duration.ofSeconds(60));
      }
      // the same directory again, as a restart or a rolling upgrade finds it: the schema exists
      try (BatonJar b = o.start()) {
        again = b.awaitReady(Duration.ofSeconds(90)).toNanos() / 1000;
      }
      long bare;
      try (BatonJar b = bare(world, bareJar, name + "-bare-" + i, java, bareFlags).start()) {
        bare = b.awaitReady(Duration.ofSeconds(90)).toNanos() / 1000;
      }
      startup.add(baton);
      restart.add(again);
      bareStartup.add(bare);
      ratios[i] = (double) baton / bare;
      restartRatios[i] = (double) again / bare;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("medianMs", startup.percentileMs(50));
    m.put("minMs", startup.percentileMs(0));
    m.put("maxMs", startup.percentileMs(100));
    m.put("starts", startup.count());
    m.put("rssAfterStartMiB", rss);
    m.put("bareMedianMs", bareStartup.percentileMs(50));
    m.put("startupRatioMedian", Math.round(InterleavedAck.median(ratios) * 1000) / 1000.0);
    m.put("restartMedianMs", restart.percentileMs(50));
    m.put("restartRatioMedian", Math.round(InterleavedAck.median(restartRatios) * 1000) / 1000.0);
    System.out.printf("BENCH startup %s: %s%n", name, m);
    return m;
  }

  private static BatonJar.Options bare(
      BenchWorld world, Path bareJar, String name, String java, List<String> flags)
      throws java.io.IOException {
    return AotCaches.bareApp(world, bareJar, world.dir.resolve(name), java, flags);
  }

  /** {@link TrainingRun}: one release through test and prod, then SIGTERM writes the archive. */
  private static void train(
      BenchWorld world, String java, List<String> flags, String dumpFlag, Path archive)
      throws Exception {
    Path dir = world.dir.resolve("training-" + archive.getFileName());
    Files.createDirectories(dir);
    TrainingRun.train(dir, java, null, AotCaches.with(flags, dumpFlag), archive);
  }
}
