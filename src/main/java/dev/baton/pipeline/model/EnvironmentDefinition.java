package dev.baton.pipeline.model;

/**
 * One link of the chain.
 *
 * @param kubeconfig path of the kubeconfig file; null means in-cluster or the default
 * @param context kubeconfig context; null means the current one
 * @param schedule when promotions may start here (windows, blackouts); never null
 * @param git where Baton commits the digests of a GitOps environment; null when Baton sets the
 *     Deployments' images itself
 * @param analysis the environment's metric analysis; never null, {@link AnalysisPolicy#NONE} when
 *     it has none
 */
public record EnvironmentDefinition(
    String name,
    String kubeconfig,
    String context,
    String namespace,
    EnvironmentPolicy policy,
    DeploymentSchedule schedule,
    GitTarget git,
    AnalysisPolicy analysis) {
  public EnvironmentDefinition {
    schedule = schedule == null ? DeploymentSchedule.ALWAYS : schedule;
    analysis = analysis == null ? AnalysisPolicy.NONE : analysis;
  }

  /** A link whose Deployments Baton sets itself, without metric analysis. */
  public EnvironmentDefinition(
      String name,
      String kubeconfig,
      String context,
      String namespace,
      EnvironmentPolicy policy,
      DeploymentSchedule schedule) {
    this(name, kubeconfig, context, namespace, policy, schedule, null, AnalysisPolicy.NONE);
  }

  /** A link that may start promotions at any time. */
  public EnvironmentDefinition(
      String name, String kubeconfig, String context, String namespace, EnvironmentPolicy policy) {
    this(name, kubeconfig, context, namespace, policy, DeploymentSchedule.ALWAYS);
  }

  /** The same link with another schedule. */
  public EnvironmentDefinition withSchedule(DeploymentSchedule s) {
    return new EnvironmentDefinition(
        name, kubeconfig, context, namespace, policy, s, git, analysis);
  }

  /** The same link promoted through Git. */
  public EnvironmentDefinition withGit(GitTarget g) {
    return new EnvironmentDefinition(
        name, kubeconfig, context, namespace, policy, schedule, g, analysis);
  }

  /** The same link with another metric analysis. */
  public EnvironmentDefinition withAnalysis(AnalysisPolicy a) {
    return new EnvironmentDefinition(
        name, kubeconfig, context, namespace, policy, schedule, git, a);
  }

  /** True when a GitOps controller applies what Baton commits, rather than Baton itself. */
  public boolean gitops() {
    return git != null;
  }
}
