package dev.baton.metrics;

import dev.baton.config.ConfigurationError;
import dev.baton.pipeline.analysis.QueryTemplate;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Prometheus' own parser check every query before the first promotion: each check is sent once
 * with its placeholders filled with sample values (the first app, a release {@code dry-run}, zero
 * digests), and so is each check an app configures for itself ({@code
 * baton.apps.<app>.analysis.<env>}), with that app's name and workloads. A refused query is a
 * configuration problem naming the check's key; a Prometheus that does not answer only warns, since
 * it may come up after Baton.
 */
final class DryEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(DryEvaluation.class);
  private static final String ZERO_DIGEST = "sha256:" + "0".repeat(64);

  private DryEvaluation() {}

  /** Sends every query once; throws {@link ConfigurationError} listing each refused one. */
  static void check(Pipeline pipeline, Metrics metrics) {
    List<String> problems = new ArrayList<>();
    for (EnvironmentDefinition env : pipeline.environments()) {
      send(
          metrics,
          env,
          env.analysis().checks(),
          QueryTemplate.values(env, sampleRelease(pipeline)),
          "baton.environments." + env.name() + ".analysis.",
          problems);
      for (AppDefinition app : pipeline.apps().values()) {
        AnalysisPolicy own = app.analysis().get(env.name());
        if (own != null && !own.checks().equals(env.analysis().checks())) {
          send(
              metrics,
              env,
              own.checks(),
              QueryTemplate.values(env, sampleRelease(app)),
              "baton.apps." + app.name() + ".analysis." + env.name() + ".",
              problems);
        }
      }
    }
    if (!problems.isEmpty()) {
      ConfigurationError error = new ConfigurationError(problems);
      LOG.error("{}", error.getMessage());
      throw error;
    }
  }

  /** Sends {@code checks} to the environment's Prometheus; {@code prefix} ends in "analysis.". */
  private static void send(
      Metrics metrics,
      EnvironmentDefinition env,
      List<MetricCheck> checks,
      Map<String, String> values,
      String prefix,
      List<String> problems) {
    for (int i = 0; i < checks.size(); i++) {
      String key = prefix + "checks[" + i + "].query";
      Metrics.Result result =
          metrics.query(env.name(), QueryTemplate.render(checks.get(i).query(), values));
      if (result instanceof Metrics.QueryError q) {
        problems.add(key + ": Prometheus refused the query: " + q.message());
      } else if (result instanceof Metrics.Inconclusive u) {
        LOG.warn("{}: could not check the query against Prometheus: {}", key, u.reason());
      }
    }
  }

  /** A sample release of {@code app}: its own name and a zero digest for each of its workloads. */
  private static Release sampleRelease(AppDefinition app) {
    Map<String, String> digests = new TreeMap<>();
    app.workloads().forEach(w -> digests.put(w.name(), ZERO_DIGEST));
    return new Release(app.name(), "dry-run", null, null, digests, Instant.EPOCH, "baton");
  }

  private static Release sampleRelease(Pipeline pipeline) {
    AppDefinition app = pipeline.apps().values().stream().findFirst().orElse(null);
    // every app's workloads get a sample digest, so any {{digest.<workload>}} fills
    Map<String, String> digests = new TreeMap<>();
    pipeline
        .apps()
        .values()
        .forEach(a -> a.workloads().forEach(w -> digests.put(w.name(), ZERO_DIGEST)));
    return new Release(
        app == null ? "app" : app.name(), "dry-run", null, null, digests, Instant.EPOCH, "baton");
  }
}
