package dev.baton.testing;

import dev.baton.pipeline.model.Workload;

/**
 * A {@link Workload} named like credreg's: its Deployment of the same name, container {@code app},
 * repository {@code credreg/<name>}.
 */
public final class WorkloadBuilder {
  private final String name;
  private String deployment;
  private String container = "app";
  private String repository;

  WorkloadBuilder(String name) {
    this.name = name;
    deployment = name;
    repository = "credreg/" + name;
  }

  public WorkloadBuilder deployment(String value) {
    deployment = value;
    return this;
  }

  public WorkloadBuilder container(String value) {
    container = value;
    return this;
  }

  public WorkloadBuilder repository(String value) {
    repository = value;
    return this;
  }

  public Workload build() {
    return new Workload(name, deployment, container, repository);
  }
}
