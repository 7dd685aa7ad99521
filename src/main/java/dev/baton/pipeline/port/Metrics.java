package dev.baton.pipeline.port;

import java.util.List;
import java.util.Map;

/**
 * Evaluates PromQL instant queries against the Prometheus of an environment. It never throws for
 * what Prometheus answers or fails to answer: those are {@link Result}s, so the core can tell "no
 * answer" (never a pass) from "bad query".
 */
public interface Metrics {
  /** No Prometheus: every query is inconclusive, so nothing ever passes by accident. */
  Metrics NONE = (env, promql) -> new Inconclusive("no Prometheus is configured for " + env);

  /** Evaluates {@code promql} now against the Prometheus configured for {@code env}. */
  Result query(String env, String promql);

  /** What one instant query gave. */
  sealed interface Result {}

  /** At least one series (a scalar result is one series without labels). */
  record Series(List<Sample> samples) implements Result {
    public Series {
      samples = List.copyOf(samples);
    }
  }

  /** The query ran and matched no series. */
  record Empty() implements Result {}

  /** No usable answer: unreachable, timed out, 5xx, cut or unreadable body. Never a pass. */
  record Inconclusive(String reason) implements Result {}

  /** Prometheus refused the query (400/422 {@code bad_data}, {@code execution}); its own text. */
  record QueryError(String message) implements Result {}

  /** One series' labels and value. */
  record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }
  }
}
