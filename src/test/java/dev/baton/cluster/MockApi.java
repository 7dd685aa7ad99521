package dev.baton.cluster;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.EnvironmentDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1, a kubeconfig file whose context {@code mock}
 * points at it (through {@code apiUrl}, which may be a proxy), and a direct client for the test,
 * which plays the Deployment and Job controllers and changes Deployments as a person with kubectl
 * would.
 */
public final class MockApi implements AutoCloseable {
  public static final String CONTEXT = "mock";
  public final KubernetesMockServer server;
  public final KubernetesClient client;
  public final Path kubeconfig;

  /** The proxy between Baton and the mock ({@link #startBehindProxy}), else null. */
  public final TcpProxy proxy;

  private MockApi(KubernetesMockServer server, Path kubeconfig, TcpProxy proxy) {
    this.server = server;
    this.client = server.createClient();
    this.kubeconfig = kubeconfig;
    this.proxy = proxy;
  }

  static MockApi start(Path dir) {
    return start(dir, null);
  }

  /** The mock with the kubeconfig pointing at a {@link TcpProxy} in front of it. */
  public static MockApi startBehindProxy(Path dir) {
    TcpProxy[] proxy = new TcpProxy[1];
    MockApi direct =
        start(
            dir,
            port -> {
              proxy[0] = new TcpProxy(port);
              return "http://127.0.0.1:" + proxy[0].port();
            });
    return new MockApi(direct.server, direct.kubeconfig, proxy[0]);
  }

  /**
   * @param apiUrl where the kubeconfig sends Baton, or null for the mock itself
   */
  public static MockApi start(Path dir, Function<Integer, String> apiUrl) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
      String url =
          apiUrl == null ? "http://127.0.0.1:" + server.getPort() : apiUrl.apply(server.getPort());
      Path file = dir.resolve("kubeconfig");
      Files.writeString(file, kubeconfig(url));
      return new MockApi(server, file, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        - name: nowhere
          cluster:
            server: http://127.0.0.1:9
        contexts:
        - name: mock
          context:
            cluster: mock
            user: baton
        - name: elsewhere
          context:
            cluster: nowhere
            user: baton
        current-context: elsewhere
        users:
        - name: baton
          user:
            token: not-a-real-token
        """
        .formatted(url);
  }

  /** An environment with no cluster configuration (for the core's fake). */
  static EnvironmentDefinition envWithoutCluster(String name, String namespace) {
    return new EnvironmentDefinition(
        name, null, null, namespace, Fixtures.credreg().first().policy());
  }

  /** An environment of this cluster. */
  EnvironmentDefinition env(String name, String namespace) {
    return new EnvironmentDefinition(
        name, kubeconfig.toString(), CONTEXT, namespace, Fixtures.credreg().first().policy());
  }

  /** Settings with short waits and fast retries. */
  static ClusterSettings settings() {
    return settings(Duration.ofSeconds(1));
  }

  /**
   * @param rolloutMargin how much longer than the progress deadline Baton waits for a silent
   *     controller: larger where the test's controller must speak first, even on a busy machine
   */
  static ClusterSettings settings(Duration rolloutMargin) {
    return new ClusterSettings(
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(5),
        Duration.ofMillis(20),
        Duration.ofSeconds(2),
        3,
        rolloutMargin,
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        5);
  }

  /** A Deployment that has completely rolled out {@code image}, as the controller leaves it. */
  public Deployment createRolledOut(String namespace, String name, String container, String image) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .addToMatchLabels("app", name)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", name)
            .addToAnnotations("team", "credreg")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("log-shipper")
            .withImage("fluent/fluent-bit:3.1")
            .endContainer()
            .addNewContainer()
            .withName(container)
            .withImage(image)
            .addNewEnv()
            .withName("DATABASE_URL")
            .withValue("postgres://db/" + name)
            .endEnv()
            .endContainer()
            .withServiceAccountName(name)
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.apps().deployments().inNamespace(namespace).resource(d).create();
    return writeStatus(namespace, name, 2, 2, 2);
  }

  public Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** Writes the Deployment's status as its controller would, for its current generation. */
  public Deployment writeStatus(
      String namespace, String name, int replicas, int updated, int available) {
    Deployment d = deployment(namespace, name);
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(available)
            .withAvailableReplicas(available)
            .build());
    return client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
  }

  /** Applies a JSON patch ({@code [{"op":…}]}) to the Deployment, as {@code kubectl patch} does. */
  public void patch(String namespace, String name, String jsonPatch) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON), jsonPatch);
  }

  /** What a person with kubectl does: set a container's image without Baton. */
  public void setImageByHand(String namespace, String name, String container, String image) {
    int index = ImagePatch.containerIndex(deployment(namespace, name), container);
    patch(
        namespace,
        name,
        "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/"
            + index
            + "/image\",\"value\":\""
            + image
            + "\"}]");
  }

  /** Sets the Deployment's {@code progressDeadlineSeconds}. */
  public void progressDeadline(String namespace, String name, int seconds) {
    patch(
        namespace,
        name,
        "[{\"op\":\"add\",\"path\":\"/spec/progressDeadlineSeconds\",\"value\":" + seconds + "}]");
  }

  public static String imageOf(Deployment d, String container) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(container))
        .findFirst()
        .orElseThrow()
        .getImage();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
    if (proxy != null) {
      proxy.close();
    }
  }
}
