package dev.baton.cluster;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Finds the fabric8 {@link Config} of an environment: its kubeconfig file and context, or (with no
 * file configured) the default kubeconfig or the in-cluster service account. Every problem is a
 * terminal {@link PortException} naming the configuration key to fix.
 */
final class ClusterConfigs {
  private final DefaultSources defaults;

  ClusterConfigs(DefaultSources defaults) {
    this.defaults = defaults;
  }

  /**
   * Where fabric8 looks when no kubeconfig is configured.
   *
   * @param kubeconfigs the default kubeconfig files ({@code $KUBECONFIG} or {@code ~/.kube/config})
   * @param serviceAccountToken the token mounted into pods
   */
  record DefaultSources(Collection<Path> kubeconfigs, Path serviceAccountToken) {
    static DefaultSources ofThisMachine() {
      return new DefaultSources(
          Config.getKubeconfigFilenames().stream().map(Path::of).toList(),
          Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
    }

    boolean anyPresent() {
      return kubeconfigs.stream().anyMatch(Files::isReadable)
          || Files.isReadable(serviceAccountToken);
    }
  }

  Config configFor(EnvironmentDefinition env) {
    Config config =
        env.kubeconfig() == null ? fromDefaults(env) : fromFile(env, Path.of(env.kubeconfig()));
    if (env.context() != null) {
      requireContext(env, config);
    }
    return config;
  }

  private Config fromFile(EnvironmentDefinition env, Path file) {
    if (!Files.isReadable(file)) {
      throw PortException.terminal(
          "environment "
              + env.name()
              + ": the kubeconfig file "
              + file
              + " does not exist or cannot be read by Baton; fix "
              + key(env, "kubeconfig")
              + ", or remove it to use the in-cluster service account");
    }
    try {
      return Config.fromKubeconfig(env.context(), file.toFile());
    } catch (RuntimeException e) {
      // fabric8 and its YAML parser throw various unchecked exceptions for a broken file
      throw PortException.terminal(
          "environment "
              + env.name()
              + ": the kubeconfig file "
              + file
              + " could not be read ("
              + KubernetesErrors.said(e)
              + "); fix the file or "
              + key(env, "kubeconfig"));
    }
  }

  private Config fromDefaults(EnvironmentDefinition env) {
    if (!defaults.anyPresent()) {
      throw PortException.terminal(
          "environment "
              + env.name()
              + " has no Kubernetes cluster configured: set "
              + key(env, "kubeconfig")
              + " (and "
              + key(env, "context")
              + "), or run Baton inside the cluster with its service account"
              + " (deploy/kubernetes/rbac)");
    }
    try {
      return Config.autoConfigure(env.context());
    } catch (RuntimeException e) {
      throw PortException.terminal(
          "environment "
              + env.name()
              + ": the default Kubernetes configuration could not be read ("
              + KubernetesErrors.said(e)
              + "); set "
              + key(env, "kubeconfig"));
    }
  }

  /** fabric8 silently falls back to the current context when the named one does not exist. */
  private static void requireContext(EnvironmentDefinition env, Config config) {
    NamedContext current = config.getCurrentContext();
    if (current != null && Objects.equals(current.getName(), env.context())) {
      return;
    }
    List<String> known =
        config.getContexts() == null
            ? List.of()
            : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
    throw PortException.terminal(
        "environment "
            + env.name()
            + ": the kubeconfig "
            + (env.kubeconfig() == null ? "" : env.kubeconfig() + " ")
            + "has no context \""
            + env.context()
            + "\" (it has: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + "); fix "
            + key(env, "context"));
  }

  private static String key(EnvironmentDefinition env, String field) {
    return "baton.environments." + env.name() + ".cluster." + field;
  }
}
