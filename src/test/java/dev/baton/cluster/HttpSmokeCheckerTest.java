package dev.baton.cluster;

import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.port.PortException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke checks against a local HTTP server standing in for the service. */
@Timeout(30)
class HttpSmokeCheckerTest {
  static final String OLD_COMMIT = "1111111111111111111111111111111111111111";
  static final String NEW_COMMIT = "2b7e151628aed2a6abf7158809cf4f3c762e7160";
  static final Release RELEASE =
      aRelease()
          .withTag("2026.11.22.0002")
          .withCommit(NEW_COMMIT)
          .withBuildUrl("https://ci.example/2")
          .withDigests(Map.of())
          .registeredAt(Instant.parse("2026-11-22T09:00:00Z"))
          .build();

  HttpSmokeChecker checker = new HttpSmokeChecker(Duration.ofMillis(20), Duration.ofSeconds(2));
  HttpServer server;
  AtomicInteger requests = new AtomicInteger();

  /** Serves {@code answer(n)} = "status body" for the n-th request (1-based). */
  String serve(IntFunction<String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          String[] a = answer.apply(requests.incrementAndGet()).split(" ", 2);
          byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static String build(String commit) {
    return "200 {\"status\":\"UP\",\"build\":{\"git\":{\"commit\":\"" + commit + "\"}}}";
  }

  @Test
  void passesOnceTheServiceReportsTheNewCommitAfterTheOldOne() throws IOException {
    String url = serve(n -> n <= 3 ? build(OLD_COMMIT) : build(NEW_COMMIT));
    checker.check(
        new SmokeCheck("prod", url, 200, "build.git.commit", Duration.ofSeconds(5)), RELEASE);
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void failsAtTheDeadlineSayingWhatTheServiceStillReports() throws IOException {
    String url = serve(n -> build(OLD_COMMIT));
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                checker.check(
                    new SmokeCheck("prod", url, 200, "build.git.commit", Duration.ofMillis(500)),
                    RELEASE))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("smoke check GET " + url + " did not pass within 0 s")
        .hasMessageContaining("the last answer reports build.git.commit = " + OLD_COMMIT)
        .hasMessageContaining(
            "Expected status 200 with build.git.commit = "
                + NEW_COMMIT
                + " (commit) or 2026.11.22.0002 (tag)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(requests.get()).as("retried within the deadline").isGreaterThan(3);
  }

  @Test
  void aLastAttemptCutShortByTheDeadlineStillReportsTheAnswerBeforeIt() throws IOException {
    String url =
        serve(
            n -> {
              if (n > 2) {
                try {
                  Thread.sleep(3000); // past the deadline: that attempt times out
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return build(OLD_COMMIT);
            });
    assertThatThrownBy(
            () ->
                checker.check(
                    new SmokeCheck("prod", url, 200, "build.git.commit", Duration.ofSeconds(1)),
                    RELEASE))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("(3 attempts): the last attempt got no answer (HttpTimeoutException")
        .hasMessageContaining(
            "; before it, the last answer reports build.git.commit = " + OLD_COMMIT);
  }

  @Test
  void aWrongStatusIsRetriedThenReported() throws IOException {
    String url = serve(n -> "503 {\"status\":\"DOWN\"}");
    assertThatThrownBy(
            () ->
                checker.check(
                    new SmokeCheck("prod", url, 200, null, Duration.ofMillis(200)), RELEASE))
        .hasMessageContaining("the last answer was status 503");
  }

  @Test
  void theTagOrAnAbbreviatedCommitAlsoCounts() throws IOException {
    String url =
        serve(
            n ->
                n == 1 ? "200 {\"version\":\"2026.11.22.0002\"}" : "200 {\"version\":\"2b7e151\"}");
    SmokeCheck check = new SmokeCheck("prod", url, 200, "version", Duration.ofSeconds(2));
    checker.check(check, RELEASE);
    checker.check(check, RELEASE);
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void aMissingFieldOrABodyThatIsNotJsonIsSaidPlainly() throws IOException {
    String url = serve(n -> n % 2 == 1 ? "200 {\"status\":\"UP\"}" : "200 <html>ok</html>");
    SmokeCheck check = new SmokeCheck("prod", url, 200, "build.git.commit", Duration.ofMillis(1));
    assertThatThrownBy(() -> checker.check(check, RELEASE))
        .hasMessageContaining("the last answer has no value at build.git.commit");
    assertThatThrownBy(() -> checker.check(check, RELEASE)).hasMessageContaining("not JSON");
  }

  @Test
  void nobodyListeningIsReportedAsNoAnswer() {
    assertThatThrownBy(
            () ->
                checker.check(
                    new SmokeCheck(
                        "prod", "http://127.0.0.1:9/health", 200, null, Duration.ofMillis(100)),
                    RELEASE))
        .hasMessageContaining("got no answer (ConnectException");
  }
}
