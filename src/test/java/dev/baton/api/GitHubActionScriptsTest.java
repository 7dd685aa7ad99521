package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions' scripts (integrations/github-action) run as real processes against a running
 * Baton: what a workflow run does, minus GitHub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubActionScriptsTest {
  private static final Path ACTION = Path.of("integrations/github-action");
  private static final Duration PROCESS_LIMIT = Duration.ofSeconds(60);

  @AutoClose private final ApiServer api = new ApiServer();
  @TempDir Path temp;

  record Run(int exitCode, String output) {}

  @BeforeAll
  void toolsArePresentAndTheClockIsReal() {
    for (String tool : List.of("bash", "curl", "openssl", "jq")) {
      assumeTrue(onPath(tool), tool + " is not installed: the action's scripts cannot run here");
    }
    // The script signs with the machine's clock; Baton checks against the test's clock.
    api.clock.advance(Duration.between(api.clock.instant(), Instant.now()));
  }

  @Test
  void theActionRegistersTheReleaseWithItsDigestsAndOutputsTheReleaseUrl() throws IOException {
    api.pushedBuild(1);
    Path output = temp.resolve("github-output");
    Map<String, String> env = registration(1, api.uri("").toString());
    env.put("GITHUB_OUTPUT", output.toString());

    Run run = run(ACTION.resolve("register-build.sh"), env);

    String url = api.uri("/api/v1/apps/credreg/releases/" + Fixtures.tag(1)).toString();
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Registered credreg " + Fixtures.tag(1) + ": " + url);
    assertThat(Files.readString(output)).isEqualTo("release-url=" + url + "\n");
    assertThat(release(1).orElseThrow().digests())
        .containsEntry("main-app", Fixtures.digest("main-1"))
        .containsEntry("worker-app", Fixtures.digest("worker-1"))
        .hasSize(2);
    assertThat(release(1).orElseThrow().buildUrl()).isEqualTo("https://ci.example/runs/1");
  }

  @Test
  void buildPushActionMetadataGivesTheDigestsAndTheSameBuildAgainSucceeds() {
    api.pushedBuild(2);
    Map<String, String> env = registration(2, api.uri("").toString());
    env.remove("BATON_DIGESTS");
    env.put(
        "BATON_METADATA",
        "{\"main-app\": {\"containerimage.digest\": \""
            + Fixtures.digest("main-2")
            + "\", \"image.name\": \"r/credreg/main-app\"},"
            + " \"worker-app\": {\"containerimage.digest\": \""
            + Fixtures.digest("worker-2")
            + "\"}}");

    Run first = run(ACTION.resolve("register-build.sh"), env);
    Run again = run(ACTION.resolve("register-build.sh"), env);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("was already registered");
    assertThat(release(2).orElseThrow().digests())
        .containsEntry("worker-app", Fixtures.digest("worker-2"));
  }

  @Test
  void aRefusedBuildFailsTheStepWithBatonsProblemDetail() {
    // nothing pushed: the registry does not have the images
    Run run = run(ACTION.resolve("register-build.sh"), registration(3, api.uri("").toString()));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains("::error title=Baton build registration::Baton refused the build (422): ")
        .contains(Fixtures.digest("main-3"))
        .doesNotContain(ApiServer.SECRET);
    assertThat(release(3)).isEmpty();
  }

  @Test
  void aWrongSecretFailsAtOnceWithoutRetrying() {
    api.pushedBuild(4);
    Map<String, String> env = registration(4, api.uri("").toString());
    env.put("BATON_API_WEBHOOK_SECRET", "not-the-secret");

    Run run = run(ACTION.resolve("register-build.sh"), env);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains("(401): the signature does not match the body and timestamp")
        .doesNotContain("attempt 2");
  }

  @Test
  void busyAndUnavailableAnswersAreRetriedHonouringRetryAfter() throws IOException {
    api.pushedBuild(5);
    try (StandIn standIn = new StandIn(api.uri(""), 503, 429)) {
      long started = System.nanoTime();
      Run run = run(ACTION.resolve("register-build.sh"), registration(5, standIn.url()));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output())
          .contains("Baton answered 503 (busy for a moment); attempt 2 of 5 in 1s")
          .contains("Baton answered 429 (busy for a moment); attempt 3 of 5 in 1s");
      assertThat(standIn.requests()).isEqualTo(3);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
    assertThat(release(5)).isPresent();
  }

  @Test
  void aBatonThatStaysUnavailableFailsAfterTheLastAttempt() throws IOException {
    try (StandIn standIn = new StandIn(api.uri(""), 503, 503, 503)) {
      Map<String, String> env = registration(6, standIn.url());
      env.put("BATON_MAX_ATTEMPTS", "2");

      Run run = run(ACTION.resolve("register-build.sh"), env);

      assertThat(run.exitCode()).isNotZero();
      assertThat(run.output()).contains("Baton answered 503 after 2 attempts: busy for a moment");
      assertThat(standIn.requests()).isEqualTo(2);
    }
  }

  @Test
  void theWaitActionEndsWhenTheReleaseRunsInTheEnvironmentAndFailsAfterItsTimeout() {
    api.pushedBuild(7);
    assertThat(run(ACTION.resolve("register-build.sh"), registration(7, api.uri("").toString())))
        .extracting(Run::exitCode)
        .isEqualTo(0);

    Run test = run(ACTION.resolve("wait/wait-for-release.sh"), waiting(7, "test", "30"));
    Run prod = run(ACTION.resolve("wait/wait-for-release.sh"), waiting(7, "prod", "2"));
    Map<String, String> badToken = waiting(7, "test", "30");
    badToken.put("BATON_READ_TOKEN", "wrong");
    Run refused = run(ACTION.resolve("wait/wait-for-release.sh"), badToken);

    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("credreg " + Fixtures.tag(7) + " runs in test since ");
    assertThat(prod.exitCode()).isNotZero();
    assertThat(prod.output()).contains("does not run in prod after 2s");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("Baton refused (401): the bearer token is not valid");
  }

  private Map<String, String> registration(int n, String batonUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("BATON_URL", batonUrl);
    env.put("BATON_API_WEBHOOK_SECRET", ApiServer.SECRET);
    env.put("BATON_APP", "credreg");
    env.put("BATON_TAG", Fixtures.tag(n));
    env.put("BATON_COMMIT", String.format("%040x", n));
    env.put("BATON_BUILD_URL", "https://ci.example/runs/" + n);
    env.put(
        "BATON_DIGESTS",
        "main-app="
            + Fixtures.digest("main-" + n)
            + "\n\n  worker-app="
            + Fixtures.digest("worker-" + n)
            + "\n");
    env.put("BATON_RETRY_DELAY", "1");
    return env;
  }

  private Map<String, String> waiting(int n, String environment, String timeout) {
    Map<String, String> env = new HashMap<>();
    env.put("BATON_URL", api.uri("").toString());
    env.put("BATON_READ_TOKEN", ApiServer.READ_TOKEN);
    env.put("BATON_APP", "credreg");
    env.put("BATON_TAG", Fixtures.tag(n));
    env.put("BATON_ENV", environment);
    env.put("BATON_TIMEOUT", timeout);
    env.put("BATON_INTERVAL", "1");
    return env;
  }

  private Optional<Release> release(int n) {
    return api.context
        .getBean(PipelineCore.class)
        .ports()
        .store()
        .read(r -> r.release("credreg", Fixtures.tag(n)));
  }

  private Run run(Path script, Map<String, String> env) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
      builder
          .environment()
          .keySet()
          .removeIf(k -> k.startsWith("BATON_") || k.startsWith("GITHUB_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(script + " did not end within " + PROCESS_LIMIT);
      }
      return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A stand-in in front of Baton on 127.0.0.1: answers the given statuses (with a problem body and
   * {@code Retry-After: 1}) to the first requests, then forwards the signed request unchanged.
   */
  private static final class StandIn implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger requests = new AtomicInteger();

    StandIn(URI baton, int... refusals) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            int n = requests.getAndIncrement();
            if (n < refusals.length) {
              refuse(exchange, refusals[n]);
            } else {
              forward(exchange, baton);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
      return requests.get();
    }

    private static void refuse(HttpExchange exchange, int status) throws IOException {
      exchange.getRequestBody().readAllBytes();
      byte[] body =
          ("{\"type\":\"about:blank\",\"title\":\"Busy\",\"status\":"
                  + status
                  + ",\"detail\":\"busy for a moment\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", Problem.CONTENT_TYPE);
      exchange.getResponseHeaders().add("Retry-After", "1");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    private void forward(HttpExchange exchange, URI baton) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(baton.resolve(exchange.getRequestURI().getPath()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header :
          List.of(
              "Content-Type",
              WebhookSignature.TIMESTAMP_HEADER,
              WebhookSignature.SIGNATURE_HEADER)) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      try {
        HttpResponse<byte[]> answer =
            client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
