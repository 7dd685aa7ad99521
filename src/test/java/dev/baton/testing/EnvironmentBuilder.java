package dev.baton.testing;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;

/**
 * An {@link EnvironmentDefinition} named like credreg's: namespace {@code credreg-<name>}, the
 * default kubeconfig and context, the {@link PolicyBuilder} defaults.
 */
public final class EnvironmentBuilder {
  private final String name;
  private String kubeconfig;
  private String context;
  private String namespace;
  private EnvironmentPolicy policy = new PolicyBuilder().build();

  EnvironmentBuilder(String name) {
    this.name = name;
    namespace = "credreg-" + name;
  }

  public EnvironmentBuilder kubeconfig(String path) {
    kubeconfig = path;
    return this;
  }

  public EnvironmentBuilder context(String value) {
    context = value;
    return this;
  }

  public EnvironmentBuilder namespace(String value) {
    namespace = value;
    return this;
  }

  public EnvironmentBuilder policy(EnvironmentPolicy value) {
    policy = value;
    return this;
  }

  public EnvironmentBuilder policy(PolicyBuilder value) {
    return policy(value.build());
  }

  public EnvironmentDefinition build() {
    return new EnvironmentDefinition(name, kubeconfig, context, namespace, policy);
  }
}
