package dev.baton.slack.commands;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The words a command can recognise: configured apps and the chain's environments. */
public record Vocabulary(Set<String> apps, List<String> envs) {
  public Vocabulary {
    apps = Set.copyOf(apps);
    envs = List.copyOf(envs);
  }

  public static Vocabulary of(Pipeline pipeline) {
    return new Vocabulary(
        pipeline.apps().keySet(),
        pipeline.environments().stream().map(EnvironmentDefinition::name).toList());
  }

  public boolean isApp(String word) {
    return apps.contains(word);
  }

  public boolean isEnv(String word) {
    return envs.contains(word);
  }

  public String app(String word) {
    if (!isApp(word)) {
      throw new UsageError(
          "unknown app `"
              + word
              + "`"
              + (apps.isEmpty() ? " (no apps are configured)" : "; apps: " + sorted(apps)));
    }
    return word;
  }

  public String env(String word) {
    if (!isEnv(word)) {
      throw new UsageError("unknown environment `" + word + "`; the chain is " + chain());
    }
    return word;
  }

  public String chain() {
    return String.join(" → ", envs);
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new TreeSet<>(s));
  }
}
