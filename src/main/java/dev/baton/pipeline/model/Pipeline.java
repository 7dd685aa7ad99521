package dev.baton.pipeline.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered chain of environments and the apps that travel along it. */
public record Pipeline(List<EnvironmentDefinition> environments, Map<String, AppDefinition> apps) {
  public Pipeline {
    environments = List.copyOf(environments);
    apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
  }

  public Optional<EnvironmentDefinition> env(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public Optional<AppDefinition> app(String name) {
    return Optional.ofNullable(apps.get(name));
  }

  /**
   * The metric analysis of {@code app} in {@code env}: the app's own where it configures one, else
   * the environment's; {@link AnalysisPolicy#NONE} for an unknown environment.
   */
  public AnalysisPolicy analysisFor(String app, String env) {
    AppDefinition a = apps.get(app);
    if (a != null && a.analysis().containsKey(env)) {
      return a.analysis().get(env);
    }
    return env(env).map(EnvironmentDefinition::analysis).orElse(AnalysisPolicy.NONE);
  }

  /** True when some app's analysis in {@code env} (its own or the environment's) has checks. */
  public boolean hasChecksIn(String env) {
    return apps.keySet().stream().anyMatch(a -> !analysisFor(a, env).checks().isEmpty())
        || env(env).map(e -> !e.analysis().checks().isEmpty()).orElse(false);
  }

  /** True when promotions out of {@code env} are metric-gated for some app. */
  public boolean metricGatedBakeOutOf(String env) {
    return nextOf(env).isPresent()
        && apps.keySet().stream().anyMatch(a -> analysisFor(a, env).metricGatedBake());
  }

  /** The link before {@code env}, if any. */
  public Optional<EnvironmentDefinition> sourceOf(String env) {
    int i = indexOf(env);
    return i > 0 ? Optional.of(environments.get(i - 1)) : Optional.empty();
  }

  /** The link after {@code env}, if any. */
  public Optional<EnvironmentDefinition> nextOf(String env) {
    int i = indexOf(env);
    return i >= 0 && i + 1 < environments.size()
        ? Optional.of(environments.get(i + 1))
        : Optional.empty();
  }

  public EnvironmentDefinition first() {
    return environments.get(0);
  }

  public int indexOf(String env) {
    for (int i = 0; i < environments.size(); i++) {
      if (environments.get(i).name().equals(env)) {
        return i;
      }
    }
    return -1;
  }
}
