package dev.baton.cluster;

import static dev.baton.cluster.ClusterFixtures.MAIN;
import static dev.baton.cluster.ClusterFixtures.WORKER;
import static dev.baton.cluster.ClusterFixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.RolloutProgress;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's own cluster: the {@link MockApi} with credreg's Deployments (main-app at {@code main-1},
 * worker-app at {@code worker-1}) rolled out in one namespace, the Kubernetes adapter on it, and
 * the test's Deployment and Job controllers when asked for. Register it with
 * {@code @RegisterExtension}: it starts before each test and is closed after it.
 *
 * <pre>{@code
 * @RegisterExtension final MockCluster k8s = MockCluster.of("test", "credreg-test").withDeploymentController();
 * }</pre>
 */
final class MockCluster implements BeforeEachCallback, AfterEachCallback {
  static final Duration CONTROLLER_STEP = Duration.ofMillis(30);

  /** What each Deployment runs when the test starts. */
  static final Map<Workload, String> RUNNING =
      Map.of(MAIN, image(MAIN, "main-1"), WORKER, image(WORKER, "worker-1"));

  final String namespace;
  private final String envName;
  private List<Workload> workloads = List.of(MAIN, WORKER);
  private boolean deploymentController;
  private boolean jobController;
  private boolean proxied;
  private Path dir;

  MockApi api;
  KubernetesCluster cluster;
  EnvironmentDefinition env;
  FakeDeploymentController deployments;
  FakeJobController jobs;

  /** What {@link #awaitRollout} and {@link #startRollout} saw, in order. */
  final List<RolloutProgress> progress = new CopyOnWriteArrayList<>();

  private MockCluster(String envName, String namespace) {
    this.envName = envName;
    this.namespace = namespace;
  }

  /** Environment {@code env} on namespace {@code namespace} of the mock, both workloads in it. */
  static MockCluster of(String env, String namespace) {
    return new MockCluster(env, namespace);
  }

  /** Only these workloads' Deployments exist. */
  MockCluster only(Workload... workloads) {
    this.workloads = List.of(workloads);
    return this;
  }

  /** The test's Deployment controller rolls out what Baton sets ({@link #deployments}). */
  MockCluster withDeploymentController() {
    deploymentController = true;
    return this;
  }

  /** The test's Job controller runs the migration Jobs Baton creates ({@link #jobs}). */
  MockCluster withJobController() {
    jobController = true;
    return this;
  }

  /** Baton reaches the mock through a {@link TcpProxy} ({@link #proxy()}), which can cut it off. */
  MockCluster behindProxy() {
    proxied = true;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("baton-mock-cluster");
    api = proxied ? MockApi.startBehindProxy(dir) : MockApi.start(dir);
    for (Workload w : workloads) {
      api.createRolledOut(namespace, w.deployment(), w.container(), RUNNING.get(w));
    }
    if (deploymentController) {
      deployments = new FakeDeploymentController(api.client, namespace, CONTROLLER_STEP);
    }
    if (jobController) {
      jobs = new FakeJobController(api, namespace, CONTROLLER_STEP);
    }
    cluster = ClusterFixtures.cluster(MockApi.settings());
    env = api.env(envName, namespace);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (deployments != null) {
      deployments.close();
    }
    if (jobs != null) {
      jobs.close();
    }
    cluster.close();
    api.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  TcpProxy proxy() {
    return api.proxy;
  }

  /** Replaces the adapter with one of these settings. */
  void reconnect(ClusterSettings settings) {
    cluster.close();
    cluster = ClusterFixtures.cluster(settings);
  }

  Deployment deployment(String name) {
    return api.deployment(namespace, name);
  }

  /** A JSON patch of the Deployment, as {@code kubectl patch} applies it. */
  void patch(String deployment, String jsonPatch) {
    api.patch(namespace, deployment, jsonPatch);
  }

  /** What a person with kubectl does: set the image without Baton. */
  void setByHand(String deployment, String container, String image) {
    api.setImageByHand(namespace, deployment, container, image);
  }

  void progressDeadline(String deployment, int seconds) {
    api.progressDeadline(namespace, deployment, seconds);
  }

  /** The controller's status of main-app, written by the test. */
  void writeStatus(int replicas, int updated, int available) {
    api.writeStatus(namespace, MAIN.deployment(), replicas, updated, available);
  }

  /**
   * The next {@code times} ({@link Integer#MAX_VALUE}: all) {@code GET} or {@code PATCH} requests
   * for {@code path} are answered {@code code} with {@code body}, not by the CRUD store.
   */
  void answer(String method, String path, int code, Object body, int times) {
    MockServerExpectation expect = api.server.expect();
    var request =
        switch (method) {
          case "GET" -> expect.get();
          case "PATCH" -> expect.patch();
          default -> throw new IllegalArgumentException(method);
        };
    var answer = request.withPath(path).andReturn(code, body);
    if (times == Integer.MAX_VALUE) {
      answer.always();
    } else {
      answer.times(times);
    }
  }

  /** The API server's failure answer: a {@code Status} with {@code retryAfterSeconds} if given. */
  static Status failure(int code, String reason, String message, Integer retryAfterSeconds) {
    StatusBuilder b =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message);
    if (retryAfterSeconds != null) {
      b.withNewDetails().withRetryAfterSeconds(retryAfterSeconds).endDetails();
    }
    return b.build();
  }

  /** Waits for the rollout of {@code image}, recording its progress. */
  void awaitRollout(Workload w, String image) {
    cluster.awaitRollout(env, w, image, progress::add);
  }

  /** Starts waiting for the rollout of {@code image} on another thread. */
  CompletableFuture<Void> startRollout(Workload w, String image) {
    return CompletableFuture.runAsync(() -> awaitRollout(w, image));
  }

  /** Waits up to 10 s until the adapter has reported {@code expected}. */
  void awaitProgress(RolloutProgress expected) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!progress.contains(expected) && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    assertThat(progress).contains(expected);
  }
}
