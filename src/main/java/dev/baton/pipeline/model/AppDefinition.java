package dev.baton.pipeline.model;

import java.util.List;
import java.util.Optional;

/**
 * A named set of workloads promoted as one unit.
 *
 * @param registry name of the configured registry holding the images
 * @param migration null when the app has no migrations
 */
public record AppDefinition(
    String name,
    List<Workload> workloads,
    String registry,
    Migration migration,
    List<SmokeCheck> smokeChecks,
    String channel) {
  public AppDefinition {
    workloads = List.copyOf(workloads);
    smokeChecks = List.copyOf(smokeChecks);
  }

  public Optional<Workload> workload(String workloadName) {
    return workloads.stream().filter(w -> w.name().equals(workloadName)).findFirst();
  }

  public List<SmokeCheck> smokeChecksFor(String env) {
    return smokeChecks.stream().filter(c -> c.env().equals(env)).toList();
  }
}
