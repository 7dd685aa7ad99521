package dev.baton.cluster;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One Kubernetes client per environment, created on first use and kept. Nothing is contacted at
 * startup, so Baton starts on a machine without any cluster; the first call for an environment that
 * cannot be configured fails with what to configure (and is tried afresh next time).
 */
final class ClusterClients implements AutoCloseable {
  private final Function<EnvironmentDefinition, Config> configs;
  private final ClusterSettings settings;
  private final Map<String, ClusterTarget> targets = new ConcurrentHashMap<>();

  ClusterClients(Function<EnvironmentDefinition, Config> configs, ClusterSettings settings) {
    this.configs = configs;
    this.settings = settings;
  }

  ClusterTarget target(EnvironmentDefinition env) {
    return targets.computeIfAbsent(env.name(), name -> connect(env));
  }

  private ClusterTarget connect(EnvironmentDefinition env) {
    Config config = configs.apply(env);
    // Baton retries and re-watches itself (KubernetesCalls, ObjectFollower): one place decides.
    config.setRequestRetryBackoffLimit(0);
    config.setWatchReconnectLimit(0);
    config.setRequestTimeout((int) settings.requestTimeout().toMillis());
    String namespace =
        env.namespace() != null
            ? env.namespace()
            : config.getNamespace() != null ? config.getNamespace() : "default";
    config.setNamespace(namespace);
    KubernetesClient client;
    try {
      client = new KubernetesClientBuilder().withConfig(config).build();
    } catch (RuntimeException e) {
      throw PortException.terminal(
          "environment "
              + env.name()
              + ": Baton could not set up a Kubernetes client ("
              + KubernetesErrors.said(e)
              + "); check the environment's kubeconfig");
    }
    String context =
        config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    return new ClusterTarget(env.name(), context, namespace, client);
  }

  @Override
  public void close() {
    targets.values().forEach(t -> t.client().close());
    targets.clear();
  }
}
