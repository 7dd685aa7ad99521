package dev.baton.registry.oci;

import static dev.baton.testing.PortFailures.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.LogCapture;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.RetryPolicy;
import dev.baton.retry.FlakyServer;
import dev.baton.retry.FlakyServer.Answer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry adapter's retries on loopback: jitter, the total budget and Retry-After. */
@Timeout(20)
class OciRetryBudgetTest {
  private static final ImageRepository REPO = new ImageRepository("test", "credreg/app");
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private static OciRegistry registry(FlakyServer server, RetryPolicy.Settings retry) {
    return OciRegistries.open(
        new OciSettings(
            "test", URI.create(server.url()), true, null, null, null, Duration.ofSeconds(2), retry),
        Clock.systemUTC());
  }

  private static RetryPolicy.Settings retry(int attempts, long baseMs, long maxMs, long totalMs) {
    return new RetryPolicy.Settings(
        attempts, Duration.ofMillis(baseMs), Duration.ofMillis(maxMs), Duration.ofMillis(totalMs));
  }

  @Test
  void waitsBetweenAttemptsAreJittered() {
    try (FlakyServer server = FlakyServer.start(List.of(), Answer.of(503));
        LogCapture log = LogCapture.attach()) {
      OciRegistry registry = registry(server, retry(6, 40, 41, 5_000));

      assertThatThrownBy(() -> registry.exists(REPO, DIGEST)).isInstanceOf(PortException.class);

      List<Long> waits =
          FlakyServer.loggedWaits(log.lines().stream().map(LogCapture.Line::message).toList());
      assertThat(server.requests()).isEqualTo(6);
      assertThat(waits).hasSize(5).allSatisfy(w -> assertThat(w).isBetween(29L, 52L));
      assertThat(waits.stream().distinct().count()).as("%s", waits).isGreaterThan(1);
    }
  }

  @Test
  void theTotalBudgetEndsTheCallRetryably() {
    try (FlakyServer server = FlakyServer.start(List.of(), Answer.of(503))) {
      OciRegistry registry = registry(server, retry(1_000, 20, 40, 300));

      assertRetryable(() -> registry.exists(REPO, DIGEST))
          .hasMessageContaining("HTTP 503")
          .hasMessageContaining("attempts in");
      assertThat(server.requests()).isBetween(3, 20);
      assertThat(server.span()).isLessThan(Duration.ofMillis(500));
    }
  }

  @Test
  void theRegistrysRetryAfterIsWaitedFor() {
    try (FlakyServer server =
        FlakyServer.start(List.of(Answer.retryAfter(429, "1")), Answer.of(200))) {
      OciRegistry registry = registry(server, retry(4, 10, 2_000, 5_000));

      assertThat(registry.exists(REPO, DIGEST)).isTrue();
      assertThat(server.requests()).isEqualTo(2);
      assertThat(server.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
