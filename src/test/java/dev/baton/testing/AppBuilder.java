package dev.baton.testing;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.model.Workload;
import java.util.List;

/**
 * credreg's {@link AppDefinition}: workloads main-app (container {@code app}) and worker-app
 * (container {@code worker}) in the default registry, the {@link MigrationBuilder} and {@link
 * SmokeCheckBuilder} defaults, no channel of its own.
 */
public final class AppBuilder {
  private String name = "credreg";
  private List<Workload> workloads =
      List.of(
          new WorkloadBuilder("main-app").build(),
          new WorkloadBuilder("worker-app").container("worker").build());
  private String registry = "default";
  private Migration migration = new MigrationBuilder().build();
  private List<SmokeCheck> smokeChecks = List.of(new SmokeCheckBuilder().build());
  private String channel;

  AppBuilder() {}

  public AppBuilder named(String value) {
    name = value;
    return this;
  }

  public AppBuilder workloads(Workload... value) {
    workloads = List.of(value);
    return this;
  }

  public AppBuilder registry(String value) {
    registry = value;
    return this;
  }

  /** The migration; null for none. */
  public AppBuilder migration(Migration value) {
    migration = value;
    return this;
  }

  public AppBuilder smokeChecks(SmokeCheck... value) {
    smokeChecks = List.of(value);
    return this;
  }

  public AppBuilder channel(String value) {
    channel = value;
    return this;
  }

  public AppDefinition build() {
    return new AppDefinition(name, workloads, registry, migration, smokeChecks, channel);
  }
}
