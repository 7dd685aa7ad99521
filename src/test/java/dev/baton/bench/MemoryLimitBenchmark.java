package dev.baton.bench;

import dev.baton.testing.BatonJar;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged Baton inside a kernel memory limit, as in its container: a cgroup (v1 memory
 * controller) limited to {@code baton.bench.memory-limit} ({@code BATON_BENCH_MEMORY_LIMIT},
 * default {@code 512m}, the manifest's limit), on JDK 25 with {@code BATON_BENCH_JVM} and, as the
 * image runs it, an AOT cache trained first ({@code BATON_BENCH_MEMORY_AOT}, default true). Ten
 * apps ({@link TenApps}); for {@code baton.bench.memory-seconds} (60) Baton takes the
 * acknowledgement load of {@link RequestMix} at {@code BATON_BENCH_RATE}, and meanwhile ten
 * promotions to sandbox run at once (their rollouts held for 15 s, so that all ten are in flight
 * together), after ten auto-deploys to test. Reports the cgroup's peak usage, how often it hit the
 * limit, the kernel's OOM kills (must be 0), whether Baton is still alive, and the
 * acknowledgements. Needs root and a writable {@code /sys/fs/cgroup/memory}; skipped otherwise.
 * Figures go to {@code target/bench/memory.json}.
 */
@Tag("benchmark")
class MemoryLimitBenchmark {
  static final String LIMIT = System.getProperty("baton.bench.memory-limit", "512m");
  static final int SECONDS = Integer.getInteger("baton.bench.memory-seconds", 60);
  static final Duration HELD = Duration.ofSeconds(15);
  static final Path CGROUPS = Path.of("/sys/fs/cgroup/memory");

  /** Run with an AOT cache made by a training run first, as the image does (default true). */
  static final boolean AOT =
      Boolean.parseBoolean(System.getProperty("baton.bench.memory-aot", "true"));

  @Test
  void run() throws Exception {
    Assumptions.assumeTrue(
        Files.isWritable(CGROUPS.resolve("cgroup.procs")) || Files.isWritable(CGROUPS),
        "needs a writable cgroup v1 memory controller at " + CGROUPS);
    Path group = CGROUPS.resolve("baton-bench-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      Files.createDirectory(group);
    } catch (IOException e) {
      Assumptions.abort("cannot create a memory cgroup: " + e);
    }
    long limit = bytes(LIMIT);
    Files.writeString(group.resolve("memory.limit_in_bytes"), Long.toString(limit));
    if (Files.exists(group.resolve("memory.memsw.limit_in_bytes"))) {
      // no swap either: what does not fit is reclaimed or killed, as in a container
      Files.writeString(group.resolve("memory.memsw.limit_in_bytes"), Long.toString(limit));
    }
    Path dir = Files.createTempDirectory("baton-bench-memory");
    Map<String, Object> results = new LinkedHashMap<>();
    try (BenchWorld world = new BenchWorld(dir)) {
      TenApps.createDeployments(world, "mem");
      Path config = dir.resolve("baton.yml");
      Files.writeString(config, TenApps.config(world, "mem", null));
      Path java = inGroup(dir, group);
      java.util.List<String> flags = new java.util.ArrayList<>(SlackAndDeployBenchmark.jvmFlags());
      if (AOT) {
        // the image's cache: trained outside the limit, on the same flags, then used inside it
        flags.add(
            "-XX:AOTCache=" + AotCaches.baton(dir, System.getProperty("baton.bench.jdk25"), flags));
      }
      BatonJar.Options options = world.baton(dir.resolve("baton"), flags, config);
      options.java(java.toString());
      try (BatonJar baton = options.start()) {
        baton.awaitReady(Duration.ofSeconds(120));
        String base = "http://127.0.0.1:" + baton.url("/").getPort();
        TenApps.inTest(world, base, 1);
        TenApps.promoteAllToSandbox(world, base);
        TenApps.inSandbox(world, base, 1, Duration.ofSeconds(60));
        RequestMix mix = TenApps.pendingProd(world, base, 1);
        TenApps.inTest(world, base, 2);
        long startedUsage = usage(group, "memory.usage_in_bytes");
        // the ten promotions first, their rollouts held, so that all ten are in flight under the
        // load (asked during it, a /promote may meet a full work queue and be refused as busy)
        String sandbox = TenApps.namespace("mem", "sandbox");
        world.cluster.paused(sandbox, true);
        TenApps.promoteAllToSandbox(world, base);
        for (String app : TenApps.APPS) {
          world.await(
              base,
              app,
              app + "'s promotion to sandbox running",
              st -> BenchWorld.openPromotion(st, "sandbox") != null,
              Duration.ofSeconds(30));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        System.out.println(
            "BENCH memory: "
                + SECONDS
                + " s of "
                + mix.describe()
                + " with ten promotions at once, limit "
                + LIMIT);
        CompletableFuture<OpenLoop.Result> load =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return OpenLoop.run(
                        http,
                        SlackAndDeployBenchmark.requests(base, "m-", mix, world),
                        SlackAndDeployBenchmark.RATE,
                        Duration.ZERO,
                        Duration.ofSeconds(SECONDS),
                        SlackAndDeployBenchmark.TIMEOUT);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                });
        Thread.sleep(5_000);
        System.out.println("BENCH memory: ten promotions in flight");
        Thread.sleep(HELD.toMillis());
        world.cluster.paused(sandbox, false);
        try {
          TenApps.inSandbox(world, base, 2, Duration.ofSeconds(90));
        } catch (IllegalStateException | java.io.IOException e) {
          // Baton died (a kernel OOM kill) or stopped answering: the figures below say which
          System.out.println("BENCH memory: the promotions did not all finish: " + e);
        }
        OpenLoop.Result r = load.get();
        boolean alive = baton.isAlive();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limitMiB", limit / 1048576.0);
        m.put("usageBeforeLoadMiB", mib(startedUsage));
        m.put("peakUsageMiB", mib(usage(group, "memory.max_usage_in_bytes")));
        m.put("usageAfterMiB", mib(usage(group, "memory.usage_in_bytes")));
        m.put("limitHits", usage(group, "memory.failcnt"));
        m.put("oomKills", oomKills(group));
        m.put("alive", alive);
        m.put("rssAfterMiB", alive ? baton.rssKiB() / 1024.0 : "null");
        m.put("concurrentPromotions", TenApps.APPS.size());
        Map<String, Object> ack = new LinkedHashMap<>(r.latencies().summary());
        ack.put("requests", r.sent());
        ack.put("errors", r.non2xx() + r.timeouts() + r.failures());
        ack.put("lateSends", r.late());
        m.put("ack", ack);
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("java", "\"" + System.getProperty("baton.bench.jdk25") + "\"");
        setup.put("jvmFlags", "\"" + String.join(" ", flags) + "\"");
        setup.put("aotCache", AOT);
        setup.put("ratePerSecond", SlackAndDeployBenchmark.RATE);
        setup.put("loadAverageAfter", "\"" + SlackAndDeployBenchmark.loadAverage() + "\"");
        m.put("setup", setup);
        results.put("memoryLimit", m);
        System.out.println("BENCH memory " + m);
      }
    } finally {
      // the group is empty once Baton has exited
      for (int i = 0; i < 50 && Files.exists(group); i++) {
        try {
          Files.delete(group);
        } catch (IOException e) {
          Thread.sleep(100);
        }
      }
    }
    Path out = Path.of("target/bench/memory.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, AuditAndRegistrationBenchmark.Json.write(results));
  }

  /** A {@code java} that first moves itself into {@code group}, so that Baton starts inside it. */
  private static Path inGroup(Path dir, Path group) throws IOException {
    String real = System.getProperty("baton.bench.jdk25");
    Assumptions.assumeTrue(
        real != null && Files.isExecutable(Path.of(real)), "needs JDK 25 (baton.bench.jdk25)");
    Path script = dir.resolve("java-in-cgroup");
    Files.writeString(
        script,
        "#!/bin/sh\necho $$ > '"
            + group.resolve("cgroup.procs")
            + "' || exit 97\nexec '"
            + real
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static long usage(Path group, String file) throws IOException {
    return Long.parseLong(Files.readString(group.resolve(file)).strip());
  }

  /** The {@code oom_kill} count of {@code memory.oom_control} (0 on kernels without it). */
  private static long oomKills(Path group) throws IOException {
    for (String line : Files.readAllLines(group.resolve("memory.oom_control"))) {
      if (line.startsWith("oom_kill ")) {
        return Long.parseLong(line.substring("oom_kill ".length()).strip());
      }
    }
    return 0;
  }

  private static double mib(long bytes) {
    return Math.round(bytes / 1048576.0 * 10) / 10.0;
  }

  static long bytes(String size) {
    String s = size.strip().toLowerCase(Locale.ROOT);
    long unit =
        switch (s.charAt(s.length() - 1)) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024;
          case 'g' -> 1024L * 1024 * 1024;
          default -> 1;
        };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }
}
