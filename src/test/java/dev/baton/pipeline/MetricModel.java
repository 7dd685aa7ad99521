package dev.baton.pipeline;

import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.SuccessCondition;
import dev.baton.pipeline.port.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric side of the invariant model: each environment gets, at random, a metric analysis
 * (post-deploy, a metric-gated bake of the promotions out of it, or both; one or two checks, each
 * with a random {@code on-empty}), and this fake Prometheus answers every query with a verdict
 * drawn from the schedule's own stream: passing, breaching, inconclusive (connection refused, 5xx,
 * a timeout), no series, now and then a refused query. Answers come in stretches (an environment is
 * healthy, breaching, down or silent for a while), so that a 24 h bake can hold.
 *
 * <p>Every answer is logged with what the model judges it to be, independently of the production
 * code ({@link Judged}), and whether it was asked during a pass of the bake watcher, which the
 * schedule marks ({@link #watch}); {@link InvariantChecker} reads the log.
 */
final class MetricModel implements Metrics {
  /** What an answer means for its check, as the documented rules say. */
  enum Judged {
    PASS,
    FAIL,
    UNKNOWN,
    /** A query Prometheus refused: a failure that retrying cannot mend. */
    BROKEN
  }

  /** One answered query. */
  record Answer(
      String env,
      String release,
      String check,
      Instant at,
      long after,
      boolean bake,
      Judged judged) {}

  /** One evaluation: every check's answer at one instant, judged as the worst of them. */
  record Evaluation(Instant at, Judged judged) {}

  /** How an environment's metrics behave for a while. */
  enum Stretch {
    HEALTHY,
    BREACHING,
    DOWN,
    SILENT
  }

  static final Duration[] INTERVALS = {
    Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2)
  };

  static final String[] OUTAGES = {
    "Prometheus did not answer (connection refused)",
    "Prometheus answered 503 Service Unavailable",
    "Prometheus timed out after 5 s",
    "Prometheus' answer was cut off"
  };

  private static final Pattern QUERY = Pattern.compile("check=(\\S+) release=(\\S+)");

  private final Random m;
  private final Map<String, AnalysisPolicy> policies = new HashMap<>();
  private final Map<String, Stretch> stretches = new HashMap<>();
  private final List<Answer> answers = new ArrayList<>();
  private MutableClock clock;
  private java.util.function.LongSupplier auditHead;
  private boolean watching;

  /** Passes of the bake watcher per stretch of time at most; past it the watcher lags. */
  static final int PASSES = 6;

  MetricModel(Random m, String[] envs) {
    this.m = m;
    for (String env : envs) {
      if (m.nextBoolean()) {
        policies.put(env, policy());
      }
      stretches.put(env, Stretch.HEALTHY);
    }
  }

  private AnalysisPolicy policy() {
    Duration interval = INTERVALS[m.nextInt(INTERVALS.length)];
    int evaluations = 1 + m.nextInt(4);
    List<MetricCheck> checks = new ArrayList<>();
    int count = 1 + m.nextInt(2);
    for (int i = 0; i < count; i++) {
      String name = i == 0 ? "error-rate" : "latency-p99";
      checks.add(
          new MetricCheck(
              name,
              "check=" + name + " release={{release}} app={{app}} env={{env}}",
              SuccessCondition.parse(i == 0 ? "< 0.01" : "<= 0.5"),
              MetricCheck.OnEmpty.values()[m.nextInt(3)]));
    }
    int uses = 1 + m.nextInt(3); // 1 post-deploy, 2 bake, 3 both
    return new AnalysisPolicy(
        interval,
        interval.multipliedBy(evaluations),
        1 + m.nextInt(2),
        checks,
        (uses & 1) != 0,
        (uses & 2) != 0);
  }

  /** The pipeline with this model's analysis on each environment that drew one. */
  Pipeline shape(Pipeline p) {
    return new Pipeline(
        p.environments().stream()
            .map(e -> policies.containsKey(e.name()) ? e.withAnalysis(policies.get(e.name())) : e)
            .toList(),
        p.apps());
  }

  /** True when some environment drew a metric analysis. */
  boolean measures() {
    return !policies.isEmpty();
  }

  /** The shortest interval of the environments' analyses: how often time is looked at. */
  Duration shortestInterval() {
    return policies.values().stream()
        .map(AnalysisPolicy::interval)
        .min(Duration::compareTo)
        .orElseThrow();
  }

  /** The longest interval of the environments' analyses. */
  Duration longestInterval() {
    return policies.values().stream()
        .map(AnalysisPolicy::interval)
        .max(Duration::compareTo)
        .orElseThrow();
  }

  /**
   * One step in five is the metrics': an environment's metrics turn to another stretch at once, or
   * (more often) a few intervals pass, so that analyses run and bakes accumulate.
   *
   * @return null when this step is not the metrics', else how long passes (zero for none)
   */
  Duration stepNow() {
    if (m.nextInt(5) != 0) {
      return null;
    }
    if (m.nextInt(3) == 0) {
      List<String> envs = new ArrayList<>(new java.util.TreeSet<>(policies.keySet()));
      turn(envs.get(m.nextInt(envs.size())));
      return Duration.ZERO;
    }
    return shortestInterval().multipliedBy(1 + m.nextInt(6));
  }

  /** What each measured environment's metrics do now. */
  Map<String, Stretch> stretches() {
    Map<String, Stretch> now = new TreeMap<>();
    policies.keySet().forEach(env -> now.put(env, stretches.get(env)));
    return now;
  }

  /** The schedule's clock, and where the audit log's last sequence number is read. */
  void use(MutableClock clock, java.util.function.LongSupplier auditHead) {
    this.clock = clock;
    this.auditHead = auditHead;
  }

  /** One pass of the bake watcher; the answers it gets are the bake's. */
  int watch(PipelineCore core) {
    watching = true;
    try {
      return core.bakes().watch();
    } finally {
      watching = false;
    }
  }

  /**
   * The schedule turns an environment's metrics to another stretch at once: healthy one time in
   * two, else breaching, down or silent.
   */
  void turn(String env) {
    int d = m.nextInt(6);
    stretches.put(env, d < 3 ? Stretch.HEALTHY : Stretch.values()[d - 2]);
  }

  @Override
  public synchronized Result query(String env, String promql) {
    Matcher q = QUERY.matcher(promql);
    if (!q.find()) {
      throw new AssertionError("a query the model did not write: " + promql);
    }
    MetricCheck check =
        policies.get(env).checks().stream()
            .filter(c -> c.name().equals(q.group(1)))
            .findFirst()
            .orElseThrow();
    if (m.nextInt(40) == 0) {
      turn(env);
    }
    Result r = answer(stretches.get(env), check);
    answers.add(
        new Answer(
            env,
            q.group(2),
            check.name(),
            clock.instant(),
            auditHead.getAsLong(),
            watching,
            judge(check, r)));
    return r;
  }

  private Result answer(Stretch s, MetricCheck check) {
    double threshold = check.name().equals("error-rate") ? 0.01 : 0.5;
    if (m.nextInt(s == Stretch.HEALTHY ? 400 : 50) == 0) {
      return new QueryError("parse error at char 7: unexpected identifier");
    }
    int d = m.nextInt(100);
    return switch (s) {
      case HEALTHY ->
          d < 95
              ? series(threshold * m.nextInt(90) / 100.0)
              : d < 98 ? new Inconclusive(OUTAGES[m.nextInt(OUTAGES.length)]) : new Empty();
      case BREACHING -> d < 80 ? series(threshold * (1 + m.nextInt(200) / 100.0)) : series(0);
      case DOWN -> d < 90 ? new Inconclusive(OUTAGES[m.nextInt(OUTAGES.length)]) : series(0);
      case SILENT -> d < 90 ? new Empty() : series(0);
    };
  }

  private static Result series(double v) {
    return new Series(List.of(new Sample(Map.of("app", "credreg"), v)));
  }

  /** The documented meaning of an answer, written again without the production classes. */
  static Judged judge(MetricCheck check, Result r) {
    if (r instanceof Series s) {
      double limit = check.name().equals("error-rate") ? 0.01 : 0.5;
      boolean holds =
          s.samples().stream()
              .allMatch(
                  x -> check.name().equals("error-rate") ? x.value() < limit : x.value() <= limit);
      return holds ? Judged.PASS : Judged.FAIL;
    }
    if (r instanceof Inconclusive) {
      return Judged.UNKNOWN;
    }
    if (r instanceof QueryError) {
      return Judged.BROKEN;
    }
    return switch (check.onEmpty()) {
      case PASS -> Judged.PASS;
      case FAIL -> Judged.FAIL;
      case WAIT -> Judged.UNKNOWN;
    };
  }

  /**
   * The evaluations of {@code release} in {@code env} made by the bake watcher ({@code bake}) or by
   * a post-deploy analysis after audit event {@code fromSeq} was written and before {@code toSeq}
   * was, in order. One evaluation asks every check once, in order, so a check asked again starts
   * the next one.
   */
  List<Evaluation> evaluations(String env, String release, boolean bake, long fromSeq, long toSeq) {
    List<Evaluation> out = new ArrayList<>();
    java.util.Set<String> asked = new java.util.HashSet<>();
    Instant at = null;
    Judged judged = null;
    for (Answer a : answers) {
      if (!a.env().equals(env)
          || !a.release().equals(release)
          || a.bake() != bake
          || a.after() < fromSeq
          || a.after() >= toSeq) {
        continue;
      }
      if (!asked.add(a.check())) {
        out.add(new Evaluation(at, judged));
        asked.clear();
        asked.add(a.check());
        judged = null;
      }
      at = a.at();
      judged = judged == null ? a.judged() : worse(judged, a.judged());
    }
    if (judged != null) {
      out.add(new Evaluation(at, judged));
    }
    return out;
  }

  /** The worse of two judgements: broken, failed, unknown, passed. */
  static Judged worse(Judged a, Judged b) {
    return rank(a) <= rank(b) ? a : b;
  }

  private static int rank(Judged j) {
    return switch (j) {
      case BROKEN -> 0;
      case FAIL -> 1;
      case UNKNOWN -> 2;
      case PASS -> 3;
    };
  }

  /** The analysis an environment drew, or none. */
  AnalysisPolicy policy(EnvironmentDefinition env) {
    return policies.getOrDefault(env.name(), AnalysisPolicy.NONE);
  }
}
