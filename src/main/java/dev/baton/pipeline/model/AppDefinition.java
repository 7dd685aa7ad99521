package dev.baton.pipeline.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named set of workloads promoted as one unit.
 *
 * @param registry name of the configured registry holding the images
 * @param migration null when the app has no migrations
 * @param source the app's source repository, for compare links; null when none is configured
 * @param analysis by environment name, the app's own effective metric analysis where it differs
 *     from the environment's (already merged with the environment's values); an environment not in
 *     it uses {@link EnvironmentDefinition#analysis()}. Read it through {@link
 *     Pipeline#analysisFor}.
 */
public record AppDefinition(
    String name,
    List<Workload> workloads,
    String registry,
    Migration migration,
    List<SmokeCheck> smokeChecks,
    String channel,
    SourceRepository source,
    Map<String, AnalysisPolicy> analysis) {
  public AppDefinition {
    workloads = List.copyOf(workloads);
    smokeChecks = List.copyOf(smokeChecks);
    analysis = Collections.unmodifiableMap(new TreeMap<>(analysis == null ? Map.of() : analysis));
  }

  /** An app that uses every environment's own metric analysis. */
  public AppDefinition(
      String name,
      List<Workload> workloads,
      String registry,
      Migration migration,
      List<SmokeCheck> smokeChecks,
      String channel,
      SourceRepository source) {
    this(name, workloads, registry, migration, smokeChecks, channel, source, Map.of());
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

  /** The same app with its own metric analysis in {@code env}. */
  public AppDefinition withAnalysis(String env, AnalysisPolicy policy) {
    Map<String, AnalysisPolicy> a = new TreeMap<>(analysis);
    a.put(env, policy);
    return new AppDefinition(name, workloads, registry, migration, smokeChecks, channel, source, a);
  }

  public Optional<Workload> workload(String workloadName) {
    return workloads.stream().filter(w -> w.name().equals(workloadName)).findFirst();
  }

  public List<SmokeCheck> smokeChecksFor(String env) {
    return smokeChecks.stream().filter(c -> c.env().equals(env)).toList();
  }
}
