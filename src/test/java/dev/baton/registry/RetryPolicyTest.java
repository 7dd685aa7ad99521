package dev.baton.registry;

import static dev.baton.testing.PortFailures.assertRetryable;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.MutableClock;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one decision "try again or not", its backoff, its bounds and Retry-After. */
class RetryPolicyTest {
  private static final RetryPolicy.Settings SETTINGS =
      new RetryPolicy.Settings(
          4, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(5));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private static final int ALWAYS = Integer.MAX_VALUE;
  private final RetryPolicy policy = new RetryPolicy(SETTINGS, clock);

  /** How often the attempt made by {@link #failing} ran. */
  private final AtomicInteger attempts = new AtomicInteger();

  @ParameterizedTest(name = "HTTP {0} {1} → transient: {2}")
  @CsvSource({
    "500, '', true",
    "502, '', true",
    "503, '', true",
    "504, '', true",
    "429, TOOMANYREQUESTS, true",
    "408, '', true",
    "400, ThrottlingException, true", // ECR
    "500, ServerException, true", // ECR
    "501, '', false",
    "400, MANIFEST_INVALID, false",
    "401, UNAUTHORIZED, false",
    "403, DENIED, false",
    "404, MANIFEST_UNKNOWN, false",
    "405, UNSUPPORTED, false",
    "400, ImageTagAlreadyExistsException, false", // ECR
    "400, RepositoryNotFoundException, false", // ECR
    "400, AccessDeniedException, false", // ECR
    "0, KmsError, false" // an ECR failure entry
  })
  void anAnswerIsTransientOrTerminalByItsStatusAndCode(
      int status, String code, boolean transientFailure) {
    assertThat(RetryPolicy.isTransientFailure(http(status, code))).isEqualTo(transientFailure);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
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
    long start = System.nanoTime();

    policy.call("x", failing(http(429, "TOOMANYREQUESTS").withRetryAfter("0"), 1));

    assertThat(attempts).hasValue(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(10));
  }

  @Test
  void retryAfterBeyondTheLongestWaitGivesUpAtOnceButRetryably() {
    assertRetryable(
            () ->
                policy.call(
                    "registry r: checking a@b",
                    failing(http(503, "").withRetryAfter("60"), ALWAYS)))
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

    assertRetryable(() -> tight.call("x", failing(http(503, ""), ALWAYS)));
    assertThat(attempts.get()).isBetween(2, 15);
  }

  @Test
  void aTransientFailureIsTriedMaxAttemptsTimesThenReportedRetryable() {
    assertRetryable(() -> policy.call("registry r: checking a@b", failing(http(503, ""), ALWAYS)))
        .hasMessageStartingWith("registry r: checking a@b: HTTP 503")
        .hasMessageContaining("4 attempts");
    assertThat(attempts).hasValue(4);
  }

  @Test
  void aTerminalFailureIsTriedOnceAndCarriesItsAdvice() {
    RegistryFailure unauthorised =
        RegistryFailure.http("HTTP 401", 401, "UNAUTHORIZED", "check the password");

    assertTerminal(
            () -> policy.call("registry r: tagging a@b as prod", failing(unauthorised, ALWAYS)))
        .hasMessage("registry r: tagging a@b as prod: HTTP 401. check the password");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFailureThatPassesReturnsTheResult() {
    String result = policy.call("x", failing(http(502, ""), 2));

    assertThat(result).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  /** An attempt that throws {@code failure} the first {@code times} times, then returns "ok". */
  private Supplier<String> failing(RegistryFailure failure, int times) {
    return () -> {
      if (attempts.incrementAndGet() <= times) {
        throw failure;
      }
      return "ok";
    };
  }

  private static RegistryFailure http(int status, String code) {
    return RegistryFailure.http(
        "HTTP " + status + (code.isEmpty() ? "" : " " + code), status, code, null);
  }
}
