package dev.baton.bench;

import dev.baton.testing.BatonJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  static final String JDK17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  static final String JDK25 =
      System.getProperty("baton.bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-startup");
    Map<String, Object> results = new LinkedHashMap<>();
    try (BenchWorld world = new BenchWorld(dir)) {
      List<String> flags = SlackAndDeployBenchmark.jvmFlags();
      results.put("jdk17", starts(world, "jdk17", JDK17, flags));
      Path jsa = dir.resolve("baton.jsa");
      train(world, JDK17, flags, "-XX:ArchiveClassesAtExit=" + jsa, jsa);
      results.put(
          "jdk17AppCds",
          starts(world, "jdk17-cds", JDK17, with(flags, "-XX:SharedArchiveFile=" + jsa)));
      if (Files.isExecutable(Path.of(JDK25))) {
        results.put("jdk25", starts(world, "jdk25", JDK25, flags));
        Path aot = dir.resolve("baton.aot");
        train(world, JDK25, flags, "-XX:AOTCacheOutput=" + aot, aot);
        results.put(
            "jdk25AotCache", starts(world, "jdk25-aot", JDK25, with(flags, "-XX:AOTCache=" + aot)));
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

  private static List<String> with(List<String> flags, String flag) {
    List<String> all = new ArrayList<>(flags);
    all.add(flag);
    return all;
  }

  /** {@link #STARTS} starts, each in a new directory with a new database; median and extremes. */
  private static Map<String, Object> starts(
      BenchWorld world, String name, String java, List<String> flags) throws Exception {
    Latencies startup = new Latencies();
    double rss = 0;
    for (int i = 0; i < STARTS; i++) {
      BatonJar.Options o = world.baton(world.dir.resolve(name + "-" + i), flags).java(java);
      try (BatonJar baton = o.start()) {
        Duration d = baton.awaitReady(Duration.ofSeconds(90));
        startup.add(d.toNanos() / 1000);
        rss = Math.max(rss, baton.rssKiB() / 1024.0);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("medianMs", startup.percentileMs(50));
    m.put("minMs", startup.percentileMs(0));
    m.put("maxMs", startup.percentileMs(100));
    m.put("starts", startup.count());
    m.put("rssAfterStartMiB", rss);
    System.out.printf("BENCH startup %s: %s%n", name, m);
    return m;
  }

  /**
   * A training run: Baton starts, serves Slack, API and health requests, and stops (SIGTERM), when
   * the JVM writes its archive; fails if no archive was written.
   */
  private static void train(
      BenchWorld world, String java, List<String> flags, String dumpFlag, Path archive)
      throws Exception {
    BatonJar.Options o =
        world
            .baton(world.dir.resolve("training-" + archive.getFileName()), with(flags, dumpFlag))
            .java(java);
    try (BatonJar baton = o.start()) {
      baton.awaitReady(Duration.ofSeconds(120));
      String base = "http://127.0.0.1:" + baton.url("/").getPort();
      world.register(base, 1);
      world.state(base);
      world.send(base, world.slashBody(BenchWorld.STRANGER, "/baton", "help"));
      world.send(base, world.slashBody(BenchWorld.STRANGER, "/audit", "credreg"));
      Thread.sleep(2000);
      baton.stop();
    }
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("the training run wrote no archive at " + archive);
    }
    System.out.printf(
        "BENCH startup: archive %s, %.1f MiB%n", archive, Files.size(archive) / 1048576.0);
  }
}
