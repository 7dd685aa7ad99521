package dev.baton.pipeline.model;

import java.util.List;
import java.util.Optional;

/**
 * A named set of workloads promoted as one unit.
 *
 * @param registry name of the configured registry holding the images
 * @param migration null when the app has no migrations
 * @param source the app's source repository, for compare links; null when none is configured
 */
public record AppDefinition(
    String name,
    List<Workload> workloads,
    String registry,
    Migration migration,
    List<SmokeCheck> smokeChecks,
    String channel,
    SourceRepository source) {
  public AppDefinition {
    workloads = List.copyOf(workloads);
    smokeChecks = List.copyOf(smokeChecks);
  }

  /** An app without a configured source repository. */
  public AppDefinition(
      String name,
      List<Workload> workloads,
      String registry,
      Migration migration,
      List<SmokeCheck> smokeChecks,
      String channel) {
    this(name, workloads, registry, migration, smokeChecks, channel, null);
  }

  public Optional<Workload> workload(String workloadName) {
    return workloads.stream().filter(w -> w.name().equals(workloadName)).findFirst();
  }

  public List<SmokeCheck> smokeChecksFor(String env) {
    return smokeChecks.stream().filter(c -> c.env().equals(env)).toList();
  }
}
