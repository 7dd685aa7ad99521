package dev.baton.cluster;

import com.sun.net.httpserver.HttpServer;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.MutableClock;
import dev.baton.fakes.RecordingChat;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.Directory;
import dev.baton.testing.TestWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real core (PipelineCore over an in-memory store and a fake registry) driving the real
 * Kubernetes adapter and smoke checker against the mock API server, with the test playing the
 * Deployment and Job controllers of every namespace and prod's health endpoint.
 */
final class CoreOnMockCluster implements AutoCloseable {
  static final List<String> ENVS = List.of("test", "sandbox", "prod");
  final MockApi api;
  final Pipeline pipeline;
  final InMemoryPipelineStore store = new InMemoryPipelineStore();
  final FakeRegistry registry = new FakeRegistry();
  final RecordingChat chat = new RecordingChat();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  final KubernetesCluster cluster =
      ClusterFixtures.cluster(MockApi.settings(Duration.ofSeconds(5)));
  final HttpSmokeChecker smoke = new HttpSmokeChecker(Duration.ofMillis(20), Duration.ofSeconds(2));
  final Map<String, FakeDeploymentController> deployments = new HashMap<>();
  final Map<String, FakeJobController> jobs = new HashMap<>();

  /** What prod's health endpoint reports as its revision. */
  final AtomicReference<String> prodRevision = new AtomicReference<>("none");

  private final HttpServer health;
  private final AtomicLong ids = new AtomicLong();

  CoreOnMockCluster(Path dir) {
    api = MockApi.start(dir);
    health = healthEndpoint();
    pipeline = pipeline("http://127.0.0.1:" + health.getAddress().getPort() + "/health");
    for (String env : ENVS) {
      String ns = namespace(env);
      api.createRolledOut(ns, "main-app", "app", "credreg/main-app:bootstrap");
      api.createRolledOut(ns, "worker-app", "worker", "credreg/worker-app:bootstrap");
      deployments.put(env, new FakeDeploymentController(api.client, ns, Duration.ofMillis(30)));
      jobs.put(env, new FakeJobController(api, ns, Duration.ofMillis(30)));
    }
  }

  static String namespace(String env) {
    return TestWorld.namespace(env);
  }

  /** The test world, each environment on its own namespace of the mock cluster. */
  private Pipeline pipeline(String healthUrl) {
    return TestWorld.credreg()
        .cluster(api.kubeconfig.toString(), MockApi.CONTEXT)
        .smokeCheck(healthUrl, Duration.ofSeconds(5))
        .pipeline();
  }

  private HttpServer healthEndpoint() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      server.createContext(
          "/health",
          exchange -> {
            byte[] body =
                ("{\"revision\":\"" + prodRevision.get() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A core of replica {@code instanceId} (a new boot each time), running promotions inline. */
  PipelineCore core(String instanceId, Cluster clusterPort) {
    PipelinePorts ports =
        new PipelinePorts(
            pipeline,
            store,
            registry,
            clusterPort,
            smoke,
            chat,
            Directory.NONE,
            clock,
            () -> String.format("p%07d", ids.incrementAndGet()));
    return PipelineCore.create(
        ports, Runnable::run, LeaseOwner.forInstance(instanceId), Duration.ofSeconds(30), 3);
  }

  static String commit(int n) {
    return String.format("%040x", n);
  }

  /** Pushes build {@code n}'s images and registers it as CI does (auto-deploys to test). */
  String registerBuild(PipelineCore core, int n) {
    core.builds().register(TestWorld.pushed(registry, n), "ci");
    return Fixtures.tag(n);
  }

  String current(String env) {
    return store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  String imageIn(String env, String deployment, String container) {
    return MockApi.imageOf(api.deployment(namespace(env), deployment), container);
  }

  /** Stops the test's controllers: from now on only Baton talks to the API server. */
  void stopControllers() throws InterruptedException {
    for (FakeDeploymentController c : deployments.values()) {
      c.close();
    }
    for (FakeJobController c : jobs.values()) {
      c.close();
    }
  }

  @Override
  public void close() throws Exception {
    stopControllers();
    health.stop(0);
    cluster.close();
    api.close();
  }
}
