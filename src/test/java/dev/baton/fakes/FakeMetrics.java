package dev.baton.fakes;

import dev.baton.pipeline.port.Metrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Answers every query with the value a test set: a queue of answers played in order (the last one
 * stays), so a test can script "pass, breach, outage". A query containing a text given to {@link
 * #answerTo} gets that text's own queue instead, so two apps' checks can answer differently.
 * Records every query it was sent.
 */
public final class FakeMetrics implements Metrics {
  private final Deque<Result> answers = new ArrayDeque<>();
  private Result last = new Inconclusive("no answer scripted");
  private final List<String> queries = new ArrayList<>();
  private final Map<String, Deque<Result>> byQuery = new java.util.LinkedHashMap<>();
  private final Map<String, Result> lastByQuery = new java.util.HashMap<>();

  /** The answers of the next queries, in order; the last one repeats. */
  public synchronized FakeMetrics answer(Result... results) {
    answers.clear();
    answers.addAll(List.of(results));
    return this;
  }

  /** The answers of the next queries that contain {@code text}, in order; the last one repeats. */
  public synchronized FakeMetrics answerTo(String text, Result... results) {
    byQuery.put(text, new ArrayDeque<>(List.of(results)));
    lastByQuery.put(text, results[results.length - 1]);
    return this;
  }

  /** One series without labels with this value. */
  public static Result value(double v) {
    return new Series(List.of(new Sample(Map.of(), v)));
  }

  public static Result outage() {
    return new Inconclusive("Prometheus did not answer (connection refused)");
  }

  @Override
  public synchronized Result query(String env, String promql) {
    queries.add(env + ": " + promql);
    for (Map.Entry<String, Deque<Result>> e : byQuery.entrySet()) {
      if (promql.contains(e.getKey())) {
        Result r = e.getValue().poll();
        return r != null ? r : lastByQuery.get(e.getKey());
      }
    }
    if (!answers.isEmpty()) {
      last = answers.poll();
    }
    return last;
  }

  public synchronized List<String> queries() {
    return List.copyOf(queries);
  }
}
