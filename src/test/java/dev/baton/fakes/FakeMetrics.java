package dev.baton.fakes;

import dev.baton.pipeline.port.Metrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Answers every query with the value a test set: a queue of answers played in order (the last one
 * stays), so a test can script "pass, breach, outage". Records every query it was sent.
 */
public final class FakeMetrics implements Metrics {
  private final Deque<Result> answers = new ArrayDeque<>();
  private Result last = new Inconclusive("no answer scripted");
  private final List<String> queries = new ArrayList<>();

  /** The answers of the next queries, in order; the last one repeats. */
  public synchronized FakeMetrics answer(Result... results) {
    answers.clear();
    answers.addAll(List.of(results));
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
    if (!answers.isEmpty()) {
      last = answers.poll();
    }
    return last;
  }

  public synchronized List<String> queries() {
    return List.copyOf(queries);
  }
}
