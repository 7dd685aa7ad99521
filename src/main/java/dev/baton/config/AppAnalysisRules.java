package dev.baton.config;

import dev.baton.config.AppProperties.AnalysisOverrideProperties;
import dev.baton.config.EnvironmentProperties.AnalysisProperties;
import dev.baton.pipeline.model.AnalysisPolicy;
import io.micronaut.core.value.PropertyResolver;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks and merges {@code baton.apps.<app>.analysis.<env>}: an app's own metric analysis in one
 * environment. A value the override leaves out is the environment's; {@code checks} replaces the
 * environment's list (left out: the environment's checks; {@code checks: []}: none, so no analysis
 * and no metric-gated bake for the app there). The Prometheus connection is always the
 * environment's, so an override with checks in an environment without {@code
 * analysis.prometheus.url} is a problem.
 *
 * <p>An empty list binds like a missing key, so whether {@code checks} is there at all is read from
 * the configuration itself ({@link PropertyResolver}).
 */
final class AppAnalysisRules {
  private AppAnalysisRules() {}

  static void check(
      List<AppProperties> apps,
      List<EnvironmentProperties> chain,
      PropertyResolver resolver,
      Problems problems) {
    Map<String, EnvironmentProperties> envs = byName(chain);
    for (AppProperties app : apps) {
      Set<String> workloads = new HashSet<>();
      app.workloads().forEach(w -> workloads.add(w.name()));
      for (AnalysisOverrideProperties o : app.analysis()) {
        String k = key(app, o);
        EnvironmentProperties env = envs.get(o.env());
        if (env == null) {
          problems.add(k, "'" + o.env() + "' is not an environment of the chain " + envs.keySet());
          continue;
        }
        check(k, o, env, checks(resolver, k, o, env), workloads, problems);
      }
    }
  }

  private static void check(
      String k,
      AnalysisOverrideProperties o,
      EnvironmentProperties env,
      List<? extends AnalysisProperties.CheckFields> checks,
      Set<String> workloads,
      Problems problems) {
    if (o.interval() != null) {
      AnalysisRules.positive(k + ".interval", o.interval(), problems);
    }
    if (o.duration() != null) {
      AnalysisRules.positive(k + ".duration", o.duration(), problems);
    }
    if (o.failureLimit() != null && o.failureLimit() < 1) {
      problems.add(k + ".failure-limit", "must be at least 1 (is " + o.failureLimit() + ")");
    }
    if (checks.isEmpty()) {
      if (Boolean.TRUE.equals(o.bake())) {
        problems.add(
            k + ".bake", "needs checks: without them the metric-gated bake would gate nothing");
      }
      return;
    }
    if (o.checks().isEmpty()) {
      return; // the environment's own checks, checked with the environment
    }
    if (env.analysis().prometheus().url() == null) {
      problems.add(
          k + ".checks",
          "need "
              + env.key()
              + ".analysis.prometheus.url: an app's checks are sent to its environment's"
              + " Prometheus");
    } else if (env.analysis().checks().isEmpty()) {
      // the environment's own checks did not make its connection worth checking; this app's do
      AnalysisRules.checkPrometheus(
          env.key() + ".analysis.prometheus.", env.analysis().prometheus(), problems);
    }
    AnalysisRules.checkChecks(k + ".", o.checks(), workloads, problems);
  }

  /**
   * By environment name, the app's effective analysis where it configures its own; its values have
   * passed {@link #check}.
   */
  static Map<String, AnalysisPolicy> policies(
      AppProperties app, List<EnvironmentProperties> chain, PropertyResolver resolver) {
    Map<String, EnvironmentProperties> envs = byName(chain);
    Map<String, AnalysisPolicy> out = new LinkedHashMap<>();
    for (AnalysisOverrideProperties o : app.analysis()) {
      EnvironmentProperties env = envs.get(o.env());
      if (env == null) {
        continue;
      }
      AnalysisProperties e = env.analysis();
      out.put(
          o.env(),
          AnalysisRules.policy(
              Optional.ofNullable(o.interval()).orElse(e.interval()),
              Optional.ofNullable(o.duration()).orElse(e.duration()),
              Optional.ofNullable(o.failureLimit()).orElse(e.failureLimit()),
              checks(resolver, key(app, o), o, env),
              Optional.ofNullable(o.postDeploy()).orElse(e.postDeploy()),
              Optional.ofNullable(o.bake()).orElse(e.bake())));
    }
    return out;
  }

  /** The override's own checks, or the environment's when it leaves the key out. */
  private static List<? extends AnalysisProperties.CheckFields> checks(
      PropertyResolver resolver,
      String k,
      AnalysisOverrideProperties o,
      EnvironmentProperties env) {
    if (!o.checks().isEmpty() || resolver.containsProperty(k + ".checks")) {
      return o.checks();
    }
    return env.analysis().checks();
  }

  private static String key(AppProperties app, AnalysisOverrideProperties o) {
    return app.key() + ".analysis." + o.env();
  }

  private static Map<String, EnvironmentProperties> byName(List<EnvironmentProperties> chain) {
    Map<String, EnvironmentProperties> envs = new LinkedHashMap<>();
    chain.forEach(e -> envs.put(e.name(), e));
    return envs;
  }
}
