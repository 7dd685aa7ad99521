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
