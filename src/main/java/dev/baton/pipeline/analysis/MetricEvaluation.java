package dev.baton.pipeline.analysis;

import static dev.baton.pipeline.model.SuccessCondition.number;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.Metrics.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pure judgement of a query result against its check, and of several checks as one evaluation.
 * An answer Baton did not get is never a pass.
 */
public final class MetricEvaluation {
  private MetricEvaluation() {}

  public static CheckVerdict judge(MetricCheck check, Metrics.Result result) {
    String name = check.name();
    if (result instanceof Metrics.Series s) {
      return series(check, s.samples());
    }
    if (result instanceof Metrics.Inconclusive i) {
      return new CheckVerdict.Unknown(name + ": inconclusive, " + i.reason());
    }
    if (result instanceof Metrics.QueryError q) {
      return new CheckVerdict.Broken(name + ": query error: " + q.message());
    }
    return switch (check.onEmpty()) {
      case PASS -> new CheckVerdict.Passed(name + ": no series (on-empty: pass)");
      case FAIL -> new CheckVerdict.Breached(name + ": no series (on-empty: fail)");
      case WAIT -> new CheckVerdict.Unknown(name + ": no series yet (on-empty: wait)");
    };
  }

  private static CheckVerdict series(MetricCheck check, List<Sample> samples) {
    var condition = check.successWhen();
    List<Sample> breaches = samples.stream().filter(s -> !condition.holds(s.value())).toList();
    if (breaches.isEmpty()) {
      String values =
          samples.stream().map(s -> number(s.value())).collect(Collectors.joining(", "));
      return new CheckVerdict.Passed(check.name() + " " + values + " " + condition.describe());
    }
    Sample worst = breaches.get(0);
    String breach =
        check.name()
            + " "
            + number(worst.value())
            + " "
            + condition.comparison().breachSign()
            + " "
            + number(condition.threshold())
            + labels(worst.labels());
    if (breaches.size() > 1) {
      breach += " (" + breaches.size() + " of " + samples.size() + " series)";
    }
    return new CheckVerdict.Breached(breach);
  }

  private static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    return labels.entrySet().stream()
        .filter(e -> !e.getKey().equals("__name__"))
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
        .collect(Collectors.joining(", ", " {", "}"));
  }

  /** Queries and judges every check for a release running in an environment, as one evaluation. */
  public static Evaluation evaluate(
      Metrics metrics, EnvironmentDefinition env, Release release, List<MetricCheck> checks) {
    Map<String, String> values = QueryTemplate.values(env, release);
    List<CheckVerdict> verdicts = new ArrayList<>();
    for (MetricCheck check : checks) {
      String query = QueryTemplate.render(check.query(), values);
      verdicts.add(judge(check, metrics.query(env.name(), query)));
    }
    return evaluate(verdicts);
  }

  /**
   * One evaluation of every check: broken when a query is refused, failed when a check breached,
   * inconclusive when one is unknown, passed only when every check passed.
   */
  public static Evaluation evaluate(List<CheckVerdict> verdicts) {
    String text = verdicts.stream().map(CheckVerdict::text).collect(Collectors.joining(" · "));
    Evaluation.Kind kind = Evaluation.Kind.PASSED;
    for (CheckVerdict v : verdicts) {
      Evaluation.Kind k = kindOf(v);
      if (k.ordinal() < kind.ordinal()) {
        kind = k;
      }
    }
    return new Evaluation(kind, text);
  }

  private static Evaluation.Kind kindOf(CheckVerdict v) {
    if (v instanceof CheckVerdict.Broken) {
      return Evaluation.Kind.BROKEN;
    }
    if (v instanceof CheckVerdict.Breached) {
      return Evaluation.Kind.FAILED;
    }
    return v instanceof CheckVerdict.Unknown
        ? Evaluation.Kind.INCONCLUSIVE
        : Evaluation.Kind.PASSED;
  }

  /** One evaluation of all checks. */
  public record Evaluation(Kind kind, String text) {
    /** Worst first: a broken query outranks a breach, a breach outranks an unknown. */
    public enum Kind {
      BROKEN,
      FAILED,
      INCONCLUSIVE,
      PASSED
    }
  }
}
