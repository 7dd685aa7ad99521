package dev.baton.metrics;

import dev.baton.pipeline.port.Metrics;
import java.util.Map;

/** The {@link Metrics} port over one {@link PrometheusClient} per environment that has checks. */
public final class PrometheusMetrics implements Metrics {
  private final Map<String, PrometheusClient> byEnv;

  PrometheusMetrics(Map<String, PrometheusClient> byEnv) {
    this.byEnv = Map.copyOf(byEnv);
  }

  @Override
  public Result query(String env, String promql) {
    PrometheusClient client = byEnv.get(env);
    if (client == null) {
      return new Inconclusive("no Prometheus is configured for " + env);
    }
    return client.query(promql);
  }
}
