package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's cluster (for {@code dev.baton.bench}): fabric8's mock API server in CRUD mode
 * with a kubeconfig for Baton, Deployment controllers played by the benchmark, and the arrival time
 * of every request Baton (not the benchmark) sends.
 */
public final class ClusterBench implements AutoCloseable {
  /** A request Baton sent to the API server, and when it arrived (epoch milliseconds). */
  public record Arrival(long atMillis, String method, String path) {}

  private final MockApi api;
  private final Map<String, FakeDeploymentController> controllers = new ConcurrentHashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final Thread recorder;

  public ClusterBench(Path dir) {
    api = MockApi.start(dir);
    recorder = new Thread(this::record, "bench-cluster-recorder");
    recorder.setDaemon(true);
    recorder.start();
  }

  public Path kubeconfig() {
    return api.kubeconfig;
  }

  public String context() {
    return MockApi.CONTEXT;
  }

  public void createRolledOut(String namespace, String name, String container, String image) {
    api.createRolledOut(namespace, name, container, image);
  }

  /** A controller that rolls every new generation out, one step every {@code step}. */
  public void rollOut(String namespace, Duration step) {
    controllers.computeIfAbsent(
        namespace, ns -> new FakeDeploymentController(api.client, ns, step));
  }

  /** Holds (true) or resumes the controller of {@code namespace}: rollouts there wait meanwhile. */
  public void paused(String namespace, boolean paused) {
    controllers.get(namespace).paused(paused);
  }

  /**
   * Marks the Deployment's current generation completely rolled out, as the controller does at the
   * end of a rollout; returns when the API server has accepted the status (epoch milliseconds).
   */
  public long completeRollout(String namespace, String name) {
    Deployment d = api.deployment(namespace, name);
    int replicas = d.getSpec().getReplicas();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build());
    long at = System.currentTimeMillis();
    api.client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    return at;
  }

  /**
   * Sets the container's image in the Deployment's spec, as a GitOps controller applying Git does
   * (a new generation); returns when the API server has accepted it (epoch milliseconds).
   */
  public long applyImage(String namespace, String name, String container, String image) {
    Deployment d = api.deployment(namespace, name);
    d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container))
        .findFirst()
        .orElseThrow()
        .setImage(image);
    api.client.apps().deployments().inNamespace(namespace).resource(d).update();
    return System.currentTimeMillis();
  }

  public String image(String namespace, String name, String container) {
    return MockApi.imageOf(api.deployment(namespace, name), container);
  }

  public long generation(String namespace, String name) {
    return api.deployment(namespace, name).getMetadata().getGeneration();
  }

  /** The first request of {@code method} (null: any) Baton sent at or after {@code fromMillis}. */
  public synchronized OptionalLong first(String method, String pathPart, long fromMillis) {
    return arrivals.stream()
        .filter(a -> a.atMillis() >= fromMillis)
        .filter(a -> method == null || a.method().equals(method))
        .filter(a -> pathPart == null || a.path().contains(pathPart))
        .mapToLong(Arrival::atMillis)
        .min();
  }

  public synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  private void record() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        RecordedRequest r = api.server.takeRequest(1, TimeUnit.SECONDS);
        long at = System.currentTimeMillis();
        // Baton's kubeconfig carries a token; the benchmark's own client sends none.
        String auth = r == null ? null : r.getHeader("Authorization");
        if (auth != null && auth.contains("not-a-real-token")) {
          synchronized (this) {
            arrivals.add(new Arrival(at, r.getMethod(), r.getPath()));
          }
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws Exception {
    recorder.interrupt();
    for (FakeDeploymentController c : controllers.values()) {
      c.close();
    }
    api.close();
  }
}
