package dev.baton.cluster;

import static dev.baton.cluster.MockCluster.failure;
import static dev.baton.testing.PortFailures.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.LogCapture;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.retry.FlakyServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kubernetes adapter's retries: jitter, the total budget and the server's retryAfterSeconds.
 */
@Timeout(30)
class KubernetesRetryTest {
  static final String NS = "credreg-prod";
  static final String PATH = "/apis/apps/v1/namespaces/" + NS + "/deployments/main-app";
  @RegisterExtension final MockCluster k8s = MockCluster.of("prod", NS);
  final AppDefinition app = ClusterFixtures.app(null);

  @Test
  void waitsBetweenAttemptsAreJittered() {
    retrying(6, 40, 41, 5_000);
    k8s.answer("GET", PATH, 503, busy(503, null), Integer.MAX_VALUE);
    List<Long> waits;
    try (LogCapture log = LogCapture.attach()) {
      assertThatThrownBy(this::readRunning)
          .hasMessageContaining("failed 6 times to get deployments main-app");
      waits = FlakyServer.loggedWaits(log.lines().stream().map(LogCapture.Line::message).toList());
    }

    assertThat(waits).hasSize(5).allSatisfy(w -> assertThat(w).isBetween(29L, 52L));
    assertThat(waits.stream().distinct().count()).as("%s", waits).isGreaterThan(1);
  }

  @Test
  void theTotalBudgetEndsTheCallRetryably() {
    retrying(1_000, 20, 40, 300);
    k8s.answer("GET", PATH, 503, busy(503, null), Integer.MAX_VALUE);
    long start = System.nanoTime();

    assertRetryable(this::readRunning)
        .hasMessageContaining("the Kubernetes API of environment prod failed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theServersRetryAfterSecondsIsWaitedFor() {
    retrying(4, 10, 20, 5_000);
    k8s.answer("GET", PATH, 429, busy(429, 1), 1);
    long start = System.nanoTime();

    assertThat(k8s.cluster.running(k8s.env, app)).containsKeys("main-app", "worker-app");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheTimeLeftEndsTheCallAtOnce() {
    retrying(4, 10, 20, 1_000);
    k8s.answer("GET", PATH, 429, busy(429, 5), 1);
    long start = System.nanoTime();

    assertRetryable(this::readRunning);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  /** The adapter with these retry settings, the rest as {@link MockApi#settings()}. */
  private void retrying(int attempts, long baseMs, long maxMs, long totalMs) {
    ClusterSettings s = MockApi.settings();
    k8s.reconnect(
        new ClusterSettings(
            s.requestTimeout(),
            attempts,
            Duration.ofMillis(baseMs),
            Duration.ofMillis(maxMs),
            Duration.ofMillis(totalMs),
            s.conflictAttempts(),
            s.rolloutMargin(),
            s.resyncInterval(),
            s.jobTtlAfterFinished(),
            s.logLines()));
  }

  private void readRunning() {
    k8s.cluster.running(k8s.env, app);
  }

  private static Object busy(int code, Integer retryAfterSeconds) {
    return failure(
        code,
        code == 429 ? "TooManyRequests" : "ServiceUnavailable",
        "the server is busy",
        retryAfterSeconds);
  }
}
