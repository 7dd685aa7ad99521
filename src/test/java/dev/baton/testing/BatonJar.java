package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged Baton ({@code target/baton-*.jar}) as a child process, the way people run it: {@code
 * java -jar}, configuration from files and environment variables, its own working directory, on
 * 127.0.0.1 and a port of its own. Tests and benchmarks start, kill (SIGKILL) and restart it, and
 * read its log and resident memory.
 */
public final class BatonJar implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Options options;
  private final Process process;
  private final long startedNanos;

  private BatonJar(Options options, Process process, long startedNanos) {
    this.options = options;
    this.process = process;
    this.startedNanos = startedNanos;
  }

  /** How to start Baton; {@link #start()} may be called again for a restart on the same port. */
  public static final class Options {
    private final Path workDir;
    private Path jar;
    private int port;
    private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<Path> configFiles = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path log;

    private Options(Path workDir) {
      this.workDir = workDir;
      this.port = freePort();
      this.log = workDir.resolve("baton.log");
    }

    public Options jar(Path jar) {
      this.jar = jar.toAbsolutePath();
      return this;
    }

    public Options port(int port) {
      this.port = port;
      return this;
    }

    /** The {@code java} launcher to use (another JDK); the test's own by default. */
    public Options java(String executable) {
      this.java = executable;
      return this;
    }

    public Options jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /** A YAML file added through {@code MICRONAUT_CONFIG_FILES}, as the operations guide says. */
    public Options configFile(Path file) {
      configFiles.add(file.toAbsolutePath());
      return this;
    }

    public Options env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Where stdout and stderr go (appended, so restarts keep one log). */
    public Options log(Path file) {
      this.log = file;
      return this;
    }

    public int port() {
      return port;
    }

    public Path log() {
      return log;
    }

    /** Starts Baton; it is not yet serving (see {@link BatonJar#awaitReady}). */
    public BatonJar start() {
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(jvmOptions);
      command.add("-jar");
      command.add((jar == null ? BatonJar.jar() : jar).toString());
      ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
      Map<String, String> e = pb.environment();
      e.keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("MICRONAUT_"));
      e.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
      e.put("BATON_PORT", Integer.toString(port));
      if (!configFiles.isEmpty()) {
        e.put(
            "MICRONAUT_CONFIG_FILES",
            String.join(",", configFiles.stream().map(Path::toString).toList()));
      }
      e.putAll(env);
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      try {
        Files.createDirectories(workDir);
        long started = System.nanoTime();
        return new BatonJar(this, pb.start(), started);
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot start " + command, ex);
      }
    }
  }

  public static Options in(Path workDir) {
    return new Options(workDir);
  }

  /**
   * The packaged jar under {@code target/} as the container image runs it: the thin {@code
   * baton-<version>-app.jar} with its dependencies in {@code target/lib/} ({@code ./mvnw package}
   * builds both it and the fat jar).
   */
  public static Path jar() {
    Path target = Path.of("target").toAbsolutePath();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("baton-") && n.endsWith("-app.jar");
              })
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no packaged Baton under target/: run ./mvnw package -DskipTests first"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "no target/ directory: run ./mvnw package -DskipTests first", e);
    }
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + options.port + path);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until Baton answers {@code GET /health} (any status: it is serving requests) and returns
   * the time from the start of the process. Fails with the log's tail if Baton exits or does not
   * answer in time.
   */
  public Duration awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Baton exited with " + process.exitValue() + " before serving:\n" + logTail(60));
      }
      try {
        HTTP.send(
            HttpRequest.newBuilder(url("/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      } catch (IOException e) {
        pause(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        "Baton did not serve /health within " + timeout + ":\n" + logTail(60));
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or handed over. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: Baton's graceful shutdown. */
  public void stop() {
    process.destroy();
    waitFor();
  }

  /**
   * SIGTERM, then up to {@code grace} for the JVM to exit: a training run's JVM writes its class
   * archive as it exits, which takes far longer than a plain stop on a busy machine.
   */
  public void stop(java.time.Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Resident memory now, in KiB ({@code VmRSS} of {@code /proc/<pid>/status}). */
  public long rssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  public String log() {
    try {
      return Files.exists(options.log) ? Files.readString(options.log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A port free on 127.0.0.1 now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
