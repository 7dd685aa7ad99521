package dev.baton.pipeline.analysis;

import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How healthy a release has been in an environment whose promotions out of it are metric-gated
 * ({@code analysis.bake: true}): the bake clock that the watcher moves and the BAKED gate reads.
 *
 * <p>The clock starts at the end of the rollout. A failed evaluation (a breach, or a query
 * Prometheus refuses) restarts it at the evaluation's instant; an inconclusive one changes nothing
 * but the "last evaluation" fields and never counts as a pass. Time is counted from {@link
 * #healthySince} only while the last conclusive evaluation is a pass no older than {@link
 * #FRESH_INTERVALS} intervals: a Prometheus outage therefore holds promotions (the health is
 * unknown), and once an evaluation passes again the time across the outage counts, because the
 * checks held on both sides of it.
 *
 * @param rolloutEndedAt when the deployment this record measures completed; a later deployment of
 *     the same release starts a new record
 * @param healthySince start of the current healthy stretch: the rollout's end or the last failure
 * @param lastEvaluatedAt the last evaluation, of any kind; null before the first
 * @param lastKind what it concluded; null before the first
 * @param lastText what it said ("error-rate 0.004 &lt; 0.01"); null before the first
 * @param lastConclusiveAt the last evaluation that passed or failed; null before the first
 * @param breachedAt start of the current breach (consecutive failed conclusive evaluations); null
 *     while the checks hold. A breach is announced once, when it starts.
 * @param nextDue when the next evaluation is due (a replica claims it by moving this)
 */
public record BakeHealth(
    String app,
    String env,
    String releaseTag,
    Instant rolloutEndedAt,
    Instant healthySince,
    Instant lastEvaluatedAt,
    Evaluation.Kind lastKind,
    String lastText,
    Instant lastConclusiveAt,
    Instant breachedAt,
    Instant nextDue) {

  /** How many intervals old the last conclusive pass may be for the clock to count. */
  public static final int FRESH_INTERVALS = 2;

  public BakeHealth {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(releaseTag, "releaseTag");
    Objects.requireNonNull(rolloutEndedAt, "rolloutEndedAt");
    Objects.requireNonNull(healthySince, "healthySince");
    Objects.requireNonNull(nextDue, "nextDue");
  }

  /** A release whose rollout ended at {@code rolloutEndedAt}, first evaluated at {@code due}. */
  public static BakeHealth start(
      String app, String env, String releaseTag, Instant rolloutEndedAt, Instant due) {
    return new BakeHealth(
        app, env, releaseTag, rolloutEndedAt, rolloutEndedAt, null, null, null, null, null, due);
  }

  /** The lane this record belongs to, {@code app/env}. */
  public String laneKey() {
    return app + "/" + env;
  }

  /**
   * The record after an evaluation made at {@code at}; the next one is due an interval later. A
   * broken query counts as a failure: health Baton cannot measure is not health.
   */
  public BakeHealth after(Evaluation e, Instant at, Duration interval) {
    Instant due = at.plus(interval);
    return switch (e.kind()) {
      case PASSED -> evaluated(e, at, healthySince, at, null, due);
      case FAILED, BROKEN -> evaluated(e, at, at, at, breachedAt == null ? at : breachedAt, due);
      case INCONCLUSIVE -> evaluated(e, at, healthySince, lastConclusiveAt, breachedAt, due);
    };
  }

  /** This release's record after evaluation {@code e} at {@code at}. */
  private BakeHealth evaluated(
      Evaluation e, Instant at, Instant healthy, Instant conclusive, Instant breach, Instant due) {
    return new BakeHealth(
        app,
        env,
        releaseTag,
        rolloutEndedAt,
        healthy,
        at,
        e.kind(),
        e.text(),
        conclusive,
        breach,
        due);
  }

  /** The same record with the next evaluation due at {@code due} (a claim, or a reschedule). */
  public BakeHealth dueAt(Instant due) {
    return new BakeHealth(
        app,
        env,
        releaseTag,
        rolloutEndedAt,
        healthySince,
        lastEvaluatedAt,
        lastKind,
        lastText,
        lastConclusiveAt,
        breachedAt,
        due);
  }

  /** True when this evaluation starts a breach: the one that is posted in the thread. */
  public boolean breachStartedAt(Instant at) {
    return breachedAt != null && breachedAt.equals(at);
  }

  /** True while the last conclusive evaluation is a pass that is recent enough to count. */
  public boolean fresh(Instant now, Duration interval) {
    return lastConclusiveAt != null
        && breachedAt == null
        && !lastConclusiveAt.isBefore(now.minus(interval.multipliedBy(FRESH_INTERVALS)));
  }

  /** How long the checks have held, measured at {@code now} (zero before any conclusive pass). */
  public Duration held(Instant now) {
    if (lastConclusiveAt == null || breachedAt != null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(healthySince, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
