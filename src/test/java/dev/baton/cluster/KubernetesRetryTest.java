package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.LogCapture;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import dev.baton.retry.FlakyServer;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes adapter's retries: jitter, the total budget and the server's retryAfterSeconds.
 */
@Timeout(30)
class KubernetesRetryTest {
  static final String NS = "credreg-prod";
  static final String PATH = "/apis/apps/v1/namespaces/" + NS + "/deployments/main-app";
  @TempDir Path dir;
  MockApi api;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  AppDefinition app = ClusterFixtures.app(null);

  @BeforeEach
  void setUp() {
    api = MockApi.start(dir);
    api.createRolledOut(NS, "main-app", "app", image(MAIN, "main-1"));
    api.createRolledOut(NS, "worker-app", "worker", image(ClusterFixtures.WORKER, "worker-1"));
    env = api.env("prod", NS);
  }

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
    api.close();
  }

  private void connect(int attempts, long baseMs, long maxMs, long totalMs) {
    ClusterSettings s = MockApi.settings();
    cluster =
        ClusterFixtures.cluster(
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

  @Test
  void waitsBetweenAttemptsAreJittered() {
    connect(6, 40, 41, 5_000);
    api.server.expect().get().withPath(PATH).andReturn(503, status(503, null)).always();
    List<Long> waits;
    try (LogCapture log = LogCapture.attach()) {
      assertThatThrownBy(() -> cluster.running(env, app))
          .hasMessageContaining("failed 6 times to get deployments main-app");
      waits = FlakyServer.loggedWaits(log.lines().stream().map(LogCapture.Line::message).toList());
    }

    assertThat(waits).hasSize(5).allSatisfy(w -> assertThat(w).isBetween(29L, 52L));
    assertThat(waits.stream().distinct().count()).as("%s", waits).isGreaterThan(1);
  }

  @Test
  void theTotalBudgetEndsTheCallRetryably() {
    connect(1_000, 20, 40, 300);
    api.server.expect().get().withPath(PATH).andReturn(503, status(503, null)).always();
    long start = System.nanoTime();

    assertThatThrownBy(() -> cluster.running(env, app))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("the Kubernetes API of environment prod failed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theServersRetryAfterSecondsIsWaitedFor() {
    connect(4, 10, 20, 5_000);
    api.server.expect().get().withPath(PATH).andReturn(429, status(429, 1)).once();
    long start = System.nanoTime();

    assertThat(cluster.running(env, app)).containsKeys("main-app", "worker-app");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheTimeLeftEndsTheCallAtOnce() {
    connect(4, 10, 20, 1_000);
    api.server.expect().get().withPath(PATH).andReturn(429, status(429, 5)).once();
    long start = System.nanoTime();

    assertThatThrownBy(() -> cluster.running(env, app))
        .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  private static Status status(int code, Integer retryAfterSeconds) {
    StatusBuilder b =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(code == 429 ? "TooManyRequests" : "ServiceUnavailable")
            .withMessage("the server is busy");
    if (retryAfterSeconds != null) {
      b.withNewDetails().withRetryAfterSeconds(retryAfterSeconds).endDetails();
    }
    return b.build();
  }
}
