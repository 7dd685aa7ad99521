package dev.baton.config;

import dev.baton.config.EnvironmentProperties.AnalysisProperties;
import dev.baton.pipeline.analysis.QueryTemplate;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.SuccessCondition;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks and reads an environment's {@code analysis}. {@link #check} reports every bad value under
 * its key; {@link #policy} reads values that passed it. Placeholders are checked against the
 * workloads of every app, since any app may be promoted through the environment.
 */
final class AnalysisRules {
  private static final List<String> ON_EMPTY = List.of("wait", "pass", "fail");

  private AnalysisRules() {}

  static void check(EnvironmentProperties env, Set<String> workloads, Problems problems) {
    AnalysisProperties a = env.analysis();
    String k = env.key() + ".analysis.";
    positive(k + "interval", a.interval(), problems);
    positive(k + "duration", a.duration(), problems);
    if (a.failureLimit() < 1) {
      problems.add(k + "failure-limit", "must be at least 1 (is " + a.failureLimit() + ")");
    }
    if (a.checks().isEmpty()) {
      if (a.bake()) {
        // Accepting it would let people believe promotions wait for healthy metrics.
        problems.add(
            k + "bake", "needs checks: without them the metric-gated bake would gate nothing");
      }
      return;
    }
    checkPrometheus(k + "prometheus.", a.prometheus(), problems);
    checkChecks(k, a.checks(), workloads, problems);
  }

  /**
   * Checks a list of checks under {@code k} (ending in {@code analysis.} or {@code
   * analysis.<env>.}): names unique, query placeholders among those of {@code workloads}, a
   * condition and an {@code on-empty} that parse.
   */
  static void checkChecks(
      String k,
      List<? extends AnalysisProperties.CheckFields> checks,
      Set<String> workloads,
      Problems problems) {
    Set<String> names = new HashSet<>();
    for (AnalysisProperties.CheckFields c : checks) {
      String ck = k + "checks[" + c.index() + "].";
      if (c.name() == null) {
        problems.add(ck + "name", "is required (e.g. error-rate)");
      } else if (!names.add(c.name())) {
        problems.add(ck + "name", "'" + c.name() + "' is used by another check");
      }
      if (c.query() == null) {
        problems.add(ck + "query", "is required (PromQL)");
      } else {
        Set<String> unknown = QueryTemplate.unknownPlaceholders(c.query(), workloads);
        if (!unknown.isEmpty()) {
          problems.add(
              ck + "query",
              "unknown placeholder {{"
                  + String.join("}}, {{", unknown)
                  + "}}; known: {{app}} {{env}} {{namespace}} {{release}} {{digest.<workload>}}");
        }
      }
      if (c.successWhen() == null) {
        problems.add(ck + "success-when", "is required (e.g. \"< 0.01\")");
      } else {
        try {
          SuccessCondition.parse(c.successWhen());
        } catch (IllegalArgumentException e) {
          problems.add(ck + "success-when", e.getMessage());
        }
      }
      if (c.onEmpty() != null && !ON_EMPTY.contains(c.onEmpty().toLowerCase(Locale.ROOT))) {
        problems.add(ck + "on-empty", "'" + c.onEmpty() + "' must be one of wait, pass, fail");
      }
    }
  }

  /** The workloads every app has: a {@code {{digest.<workload>}}} must fill for each of them. */
  static Set<String> sharedWorkloads(List<AppProperties> apps) {
    Set<String> shared = null;
    for (AppProperties app : apps) {
      Set<String> names = new HashSet<>();
      app.workloads().forEach(w -> names.add(w.name()));
      if (shared == null) {
        shared = names;
      } else {
        shared.retainAll(names);
      }
    }
    return shared == null ? Set.of() : shared;
  }

  static void checkPrometheus(
      String k, AnalysisProperties.PrometheusProperties p, Problems problems) {
    if (p.url() == null) {
      problems.add(
          k + "url", "is required when checks are configured (e.g. http://prometheus:9090)");
    } else {
      try {
        URI uri = URI.create(p.url());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          problems.add(k + "url", "'" + p.url() + "' must be an http or https URL");
        }
      } catch (IllegalArgumentException e) {
        problems.add(k + "url", "'" + p.url() + "' is not a URL");
      }
    }
    var basic = p.basicAuth();
    if (basic != null && (basic.username() != null || basic.password() != null)) {
      if (p.bearerToken() != null) {
        problems.add(k + "basic-auth", "set either bearer-token or basic-auth, not both");
      }
      if (basic.username() == null) {
        problems.add(k + "basic-auth.username", "is required with basic-auth");
      }
      if (basic.password() == null || basic.password().isEmpty()) {
        problems.add(k + "basic-auth.password", "is required with basic-auth");
      }
    }
  }

  static void positive(String key, Duration d, Problems problems) {
    if (d.isZero() || d.isNegative()) {
      problems.add(key, "must be positive (is " + d + ")");
    }
  }

  /** The environment's analysis; its values have passed {@link #check}. */
  static AnalysisPolicy policy(EnvironmentProperties env) {
    AnalysisProperties a = env.analysis();
    return policy(
        a.interval(), a.duration(), a.failureLimit(), a.checks(), a.postDeploy(), a.bake());
  }

  /** An analysis from checked values; {@link AnalysisPolicy#NONE} without checks. */
  static AnalysisPolicy policy(
      Duration interval,
      Duration duration,
      int failureLimit,
      List<? extends AnalysisProperties.CheckFields> checks,
      boolean postDeploy,
      boolean bake) {
    if (checks.isEmpty()) {
      return AnalysisPolicy.NONE; // one value for "no analysis", however it was written
    }
    return new AnalysisPolicy(
        interval,
        duration,
        failureLimit,
        checks.stream().map(AnalysisRules::metricCheck).toList(),
        postDeploy,
        bake);
  }

  private static MetricCheck metricCheck(AnalysisProperties.CheckFields c) {
    return new MetricCheck(
        c.name(),
        c.query(),
        SuccessCondition.parse(c.successWhen()),
        c.onEmpty() == null
            ? MetricCheck.OnEmpty.WAIT
            : MetricCheck.OnEmpty.valueOf(c.onEmpty().toUpperCase(Locale.ROOT)));
  }
}
