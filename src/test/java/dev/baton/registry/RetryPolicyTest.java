package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.port.PortException;
import dev.baton.retry.RetryBudget;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one decision "try again or not", its backoff, its bounds and Retry-After. */
class RetryPolicyTest {
  private static final RetryPolicy.Settings SETTINGS =
      new RetryPolicy.Settings(
          4, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(5));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final RetryPolicy policy = new RetryPolicy(SETTINGS, clock);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("HTTP 500", http(500, ""), true),
        Arguments.of("HTTP 502", http(502, ""), true),
        Arguments.of("HTTP 503", http(503, ""), true),
        Arguments.of("HTTP 504", http(504, ""), true),
        Arguments.of("HTTP 429 TOOMANYREQUESTS", http(429, "TOOMANYREQUESTS"), true),
        Arguments.of("HTTP 408", http(408, ""), true),
        Arguments.of("ECR ThrottlingException (HTTP 400)", http(400, "ThrottlingException"), true),
        Arguments.of("ECR ServerException (HTTP 500)", http(500, "ServerException"), true),
        Arguments.of(
            "SDK attempt timeout",
            new RegistryFailure("timeout", 0, "RequestTimeout", null, null, null),
            true),
        Arguments.of(
            "read timeout", RegistryFailure.network("t", new HttpTimeoutException("t")), true),
        Arguments.of(
            "connect timeout",
            RegistryFailure.network("t", new HttpConnectTimeoutException("t")),
            true),
        Arguments.of(
            "connection refused",
            RegistryFailure.network("r", new ConnectException("refused")),
            true),
        Arguments.of(
            "connection reset",
            RegistryFailure.network("r", new SocketException("Connection reset")),
            true),
        Arguments.of("closed early", RegistryFailure.network("r", new EOFException()), true),
        Arguments.of(
            "IOException inside an SDK exception",
            RegistryFailure.network("r", new RuntimeException("sdk", new IOException("reset"))),
            true),
        Arguments.of("HTTP 501", http(501, ""), false),
        Arguments.of("HTTP 400 MANIFEST_INVALID", http(400, "MANIFEST_INVALID"), false),
        Arguments.of("HTTP 401 UNAUTHORIZED", http(401, "UNAUTHORIZED"), false),
        Arguments.of("HTTP 403 DENIED", http(403, "DENIED"), false),
        Arguments.of("HTTP 404 MANIFEST_UNKNOWN", http(404, "MANIFEST_UNKNOWN"), false),
        Arguments.of("HTTP 405 UNSUPPORTED", http(405, "UNSUPPORTED"), false),
        Arguments.of(
            "ECR ImageTagAlreadyExistsException",
            http(400, "ImageTagAlreadyExistsException"),
            false),
        Arguments.of(
            "ECR RepositoryNotFoundException", http(400, "RepositoryNotFoundException"), false),
        Arguments.of("ECR AccessDeniedException", http(400, "AccessDeniedException"), false),
        Arguments.of("ECR failure entry KmsError", http(0, "KmsError"), false),
        Arguments.of(
            "TLS certificate not trusted",
            RegistryFailure.network(
                "tls",
                new SSLHandshakeException("PKIX").initCause(new CertificateException("untrusted"))),
            false),
        Arguments.of(
            "SDK error without I/O (no credentials)",
            RegistryFailure.network("c", new RuntimeException("no credentials")),
            false),
        Arguments.of(
            "found by the adapter (digest mismatch)",
            RegistryFailure.terminal("mismatch", null),
            false));
  }

  @ParameterizedTest(name = "{0} → transient: {2}")
  @MethodSource("failures")
  void transientOrTerminal(String name, RegistryFailure failure, boolean transientFailure) {
    assertThat(RetryPolicy.isTransientFailure(failure)).isEqualTo(transientFailure);
  }

  @Test
  void theBudgetIsTheRegistrySettingsWithTheLongestWaitAsTheLongestAsk() {
    assertThat(SETTINGS.budget())
        .isEqualTo(
            new RetryBudget(
                4,
                Duration.ofMillis(10),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofMillis(500)));
  }

  static Stream<Arguments> retryAfter() {
    return Stream.of(
        Arguments.of("3", Duration.ofSeconds(3)),
        Arguments.of(" 0 ", Duration.ZERO),
        Arguments.of("Sun, 22 Nov 2026 09:00:07 GMT", Duration.ofSeconds(7)),
        Arguments.of("Sun, 22 Nov 2026 08:00:00 GMT", Duration.ZERO),
        Arguments.of("soon", null),
        Arguments.of("", null));
  }

  @ParameterizedTest(name = "Retry-After: \"{0}\" → {1}")
  @MethodSource("retryAfter")
  void retryAfterIsReadAsSecondsOrAnHttpDate(String header, Duration expected) {
    assertThat(policy.retryAfter(header).orElse(null)).isEqualTo(expected);
  }

  @Test
  void retryAfterIsTheLeastWait() {
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();

    policy.call(
        "x",
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw http(429, "TOOMANYREQUESTS").withRetryAfter("0");
          }
          return "ok";
        });

    assertThat(attempts).hasValue(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(10));
  }

  @Test
  void retryAfterBeyondTheLongestWaitGivesUpAtOnceButRetryably() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy.call(
                    "registry r: checking a@b",
                    () -> {
                      attempts.incrementAndGet();
                      throw http(503, "").withRetryAfter("60");
                    }))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("called again in 60.0 s");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void theTimeBudgetStopsRetriesBeforeTheAttemptsRunOut() {
    RetryPolicy tight =
        new RetryPolicy(
            new RetryPolicy.Settings(
                1_000, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(200)),
            clock);
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                tight.call(
                    "x",
                    () -> {
                      attempts.incrementAndGet();
                      throw http(503, "");
                    }))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(attempts.get()).isBetween(2, 15);
  }

  @Test
  void aTransientFailureIsTriedMaxAttemptsTimesThenReportedRetryable() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy.call(
                    "registry r: checking a@b",
                    () -> {
                      attempts.incrementAndGet();
                      throw http(503, "");
                    }))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageStartingWith("registry r: checking a@b: HTTP 503")
        .hasMessageContaining("4 attempts");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void aTerminalFailureIsTriedOnceAndCarriesItsAdvice() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy.call(
                    "registry r: tagging a@b as prod",
                    () -> {
                      attempts.incrementAndGet();
                      throw RegistryFailure.http(
                          "HTTP 401", 401, "UNAUTHORIZED", "check the password");
                    }))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessage("registry r: tagging a@b as prod: HTTP 401. check the password");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFailureThatPassesReturnsTheResult() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        policy.call(
            "x",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw http(502, "");
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  private static RegistryFailure http(int status, String code) {
    return RegistryFailure.http(
        "HTTP " + status + (code.isEmpty() ? "" : " " + code), status, code, null);
  }
}
