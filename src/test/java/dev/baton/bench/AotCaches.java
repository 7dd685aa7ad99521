package dev.baton.bench;

import dev.baton.testing.BatonJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The AOT caches (JEP 483/514/515) the benchmarks start Baton and the bare Bolt app with, made as
 * the image makes Baton's: a training run on the same JVM and flags, then {@code -XX:AOTCache}.
 */
final class AotCaches {
  private AotCaches() {}

  /** {@link TrainingRun}: one release through test and prod, then SIGTERM writes the cache. */
  static Path baton(Path dir, String java, List<String> flags) throws Exception {
    Path cache = dir.resolve("baton.aot");
    Path training = dir.resolve("training-baton.aot");
    Files.createDirectories(training);
    TrainingRun.train(training, java, null, with(flags, "-XX:AOTCacheOutput=" + cache), cache);
    return cache;
  }

  /** The bare app's training run: it starts, answers its health check, and stops. */
  static Path bare(BenchWorld world, Path bareJar, Path dir, String java, List<String> flags)
      throws Exception {
    Path cache = dir.resolve("bare.aot");
    trainBare(
        world,
        bareJar,
        dir.resolve("training-bare.aot"),
        java,
        with(flags, "-XX:AOTCacheOutput=" + cache),
        cache);
    return cache;
  }

  /**
   * Starts the bare app in {@code dir} with {@code flags} (which include the archive-writing flag),
   * waits for its health check, and stops it; fails when no archive was written.
   */
  static void trainBare(
      BenchWorld world, Path bareJar, Path dir, String java, List<String> flags, Path archive)
      throws Exception {
    try (BatonJar b = bareApp(world, bareJar, dir, java, flags).start()) {
      b.awaitReady(Duration.ofSeconds(120));
      Thread.sleep(1000);
      b.stop(Duration.ofMinutes(5));
    }
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("the bare app's training run wrote no archive at " + archive);
    }
  }

  /** The bare Bolt app in {@code dir}, with the world's environment, on {@code java}. */
  static BatonJar.Options bareApp(
      BenchWorld world, Path bareJar, Path dir, String java, List<String> flags)
      throws java.io.IOException {
    Files.createDirectories(dir);
    BatonJar.Options o = BatonJar.in(dir).jar(bareJar).log(dir.resolve("bare.log")).java(java);
    world.environment().forEach(o::env);
    flags.forEach(o::jvmOption);
    return o;
  }

  static List<String> with(List<String> flags, String flag) {
    List<String> all = new ArrayList<>(flags);
    all.add(flag);
    return all;
  }
}
