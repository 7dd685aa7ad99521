package dev.baton.bench;

import dev.baton.slack.blocks.ActionIds;
import dev.baton.testing.BatonJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind Baton's class archives (JDK 17 AppCDS, JDK 25 AOT cache): the packaged
 * Baton starts with the archive-writing flag, is driven through what it does in production — a
 * signed build registration, the auto-deploy to test with its rollout, a {@code /promote} to prod,
 * two approvals, the prod rollout, pointer tags and the record, {@code /audit}, {@code /baton
 * status} and the state API — and stops with SIGTERM, when the JVM writes the archive. Everything
 * it talks to is a stand-in on loopback ({@link BenchWorld}). Fails when no archive was written.
 *
 * <p>Used by the startup benchmark, and by the container image build, where it runs as a program in
 * the runtime image itself (so that the archive fits that image's JVM and jar path):
 *
 * <pre>
 * java -cp 'training/classes:training/lib/*' dev.baton.bench.TrainingRun \
 *     --java /opt/java/openjdk/bin/java --jar /app/baton.jar --flag -XX:AOTCacheOutput=/app/baton.aot \
 *     --archive /app/baton.aot [--jvm-option …]…
 * </pre>
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * Trains {@code jar} (null: the project's packaged jar) under {@code java} with {@code flags}
   * (which include the archive-writing flag) in {@code dir}.
   */
  static void train(Path dir, String java, Path jar, List<String> flags, Path archive)
      throws Exception {
    try (BenchWorld world = new BenchWorld(dir)) {
      Path work = dir.resolve("training");
      BatonJar.Options o =
          (jar == null
                  ? world.baton(work, flags)
                  : world.baton(work, flags, world.configFile(), jar.toAbsolutePath()))
              .java(java);
      try (BatonJar baton = o.start()) {
        baton.awaitReady(Duration.ofSeconds(120));
        drive(world, "http://127.0.0.1:" + baton.url("/").getPort());
        baton.stop(Duration.ofMinutes(5));
      }
    }
    if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
      throw new IllegalStateException("the training run wrote no archive at " + archive);
    }
    System.out.printf(
        "BENCH training: archive %s, %.1f MiB%n", archive, Files.size(archive) / 1048576.0);
  }

  /** One release through test and prod, as CI and Slack users drive it. */
  private static void drive(BenchWorld world, String base) throws Exception {
    String tag = BenchWorld.tag(1);
    java.util.Map<String, String> digests = world.register(base, 1);
    world.await(
        base,
        tag + " running in test",
        st -> tag.equals(BenchWorld.current(st, "test")),
        Duration.ofSeconds(60));
    world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod"));
    var s =
        world.await(
            base,
            "a promotion to prod waiting for approval",
            st -> BenchWorld.openPromotion(st, "prod") != null,
            Duration.ofSeconds(30));
    String id = BenchWorld.openPromotion(s, "prod").get("id").getAsString();
    world.send(base, world.clickBody(BenchWorld.APPROVER_1, ActionIds.APPROVE, id));
    world.await(
        base,
        "the first approval",
        st -> BenchWorld.openPromotion(st, "prod").get("approvals").getAsInt() == 1,
        Duration.ofSeconds(30));
    world.send(base, world.clickBody(BenchWorld.APPROVER_2, ActionIds.APPROVE, id));
    for (String w : BenchWorld.CONTAINERS.keySet()) {
      BenchWorld.awaitTime(
          "image of " + w + " set in prod",
          () -> {
            String image = world.cluster.image(BenchWorld.PROD_NS, w, BenchWorld.CONTAINERS.get(w));
            return image.endsWith(digests.get(w))
                ? java.util.OptionalLong.of(0)
                : java.util.OptionalLong.empty();
          });
      world.cluster.completeRollout(BenchWorld.PROD_NS, w);
    }
    world.await(
        base,
        tag + " running in prod",
        st -> tag.equals(BenchWorld.current(st, "prod")),
        Duration.ofSeconds(60));
    world.send(base, world.slashBody(BenchWorld.STRANGER, "/audit", "credreg"));
    world.send(base, world.slashBody(BenchWorld.STRANGER, "/baton", "status"));
    world.send(base, world.slashBody(BenchWorld.STRANGER, "/baton", "help"));
    world.state(base);
    // the answers after the acknowledgements are sent from Baton's Slack work queue
    Thread.sleep(2000);
  }

  /** The container image build's entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String java = null;
    Path jar = null;
    Path archive = null;
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--java" -> java = value;
        case "--jar" -> jar = Path.of(value);
        case "--archive" -> archive = Path.of(value);
        case "--flag", "--jvm-option" -> flags.add(value);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (java == null || jar == null || archive == null) {
      System.err.println(
          "usage: TrainingRun --java JAVA --jar JAR --archive FILE --flag ARCHIVE_FLAG"
              + " [--jvm-option OPTION]...");
      System.exit(2);
    }
    train(Files.createTempDirectory("baton-training"), java, jar, flags, archive);
    System.exit(0);
  }
}
