package dev.baton.pipeline.model;

/**
 * One link of the chain.
 *
 * @param kubeconfig path of the kubeconfig file; null means in-cluster or the default
 * @param context kubeconfig context; null means the current one
 * @param schedule when promotions may start here (windows, blackouts); never null
 */
public record EnvironmentDefinition(
    String name,
    String kubeconfig,
    String context,
    String namespace,
    EnvironmentPolicy policy,
    DeploymentSchedule schedule) {
  public EnvironmentDefinition {
    schedule = schedule == null ? DeploymentSchedule.ALWAYS : schedule;
  }

  /** A link that may start promotions at any time. */
  public EnvironmentDefinition(
      String name, String kubeconfig, String context, String namespace, EnvironmentPolicy policy) {
    this(name, kubeconfig, context, namespace, policy, DeploymentSchedule.ALWAYS);
  }

  /** The same link with another schedule. */
  public EnvironmentDefinition withSchedule(DeploymentSchedule s) {
    return new EnvironmentDefinition(name, kubeconfig, context, namespace, policy, s);
  }
}
