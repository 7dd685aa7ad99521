package dev.baton.pipeline.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation.Kind;
import dev.baton.pipeline.guard.HealthyBakeGuard;
import dev.baton.pipeline.guard.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bake clock of a metric-gated source link, moved evaluation by evaluation. */
class BakeHealthTest {
  static final Instant ROLLOUT_END = Instant.parse("2026-12-01T08:00:00Z");
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final Duration MINIMUM = Duration.ofHours(24);
  static final Evaluation PASS = new Evaluation(Kind.PASSED, "error-rate 0.004 < 0.01");
  static final Evaluation BREACH = new Evaluation(Kind.FAILED, "error-rate 0.023 ≥ 0.01");
  static final Evaluation OUTAGE =
      new Evaluation(Kind.INCONCLUSIVE, "error-rate: inconclusive, HTTP 503");

  final MutableClock clock = new MutableClock(ROLLOUT_END);
  BakeHealth health = BakeHealth.start("credreg", "sandbox", "T1", ROLLOUT_END, ROLLOUT_END);

  /** Moves the clock by {@code d}, then evaluates with {@code e}. */
  void evaluateAfter(Duration d, Evaluation e) {
    clock.advance(d);
    health = health.after(e, clock.instant(), INTERVAL);
  }

  Verdict gate() {
    return HealthyBakeGuard.check(
        "T1", "sandbox", Optional.of(health), MINIMUM, INTERVAL, clock.instant());
  }

  @Test
  void theClockStartsAtTheEndOfTheRolloutAndCountsWhileEvaluationsPass() {
    evaluateAfter(Duration.ZERO, PASS);
    evaluateAfter(Duration.ofHours(18), PASS);
    assertThat(health.healthySince()).isEqualTo(ROLLOUT_END);
    assertThat(health.held(clock.instant())).isEqualTo(Duration.ofHours(18));
    assertThat(health.nextDue()).isEqualTo(clock.instant().plus(INTERVAL));
    Verdict v = gate();
    assertThat(v).isInstanceOf(Verdict.NotYet.class);
    Verdict.NotYet wait = (Verdict.NotYet) v;
    assertThat(wait.code()).isEqualTo(Verdict.Code.BAKING);
    assertThat(wait.reason())
        .isEqualTo("T1 has held its checks in sandbox for 18h 0m of 1d 0h; 6h 0m left");
    assertThat(wait.until()).isEqualTo(ROLLOUT_END.plus(MINIMUM));

    evaluateAfter(Duration.ofHours(6), PASS);
    assertThat(gate().allowed()).isTrue();
  }

  @Test
  void aBreachRestartsTheClockAtTheEvaluationAndIsAnnouncedOnce() {
    evaluateAfter(Duration.ofHours(20), PASS);
    evaluateAfter(Duration.ofMinutes(1), BREACH);
    Instant breach = clock.instant();
    assertThat(health.healthySince()).isEqualTo(breach);
    assertThat(health.breachStartedAt(breach)).isTrue();
    Verdict.NotYet wait = (Verdict.NotYet) gate();
    assertThat(wait.reason())
        .isEqualTo(
            "T1 breaches its checks in sandbox since "
                + breach
                + " (error-rate 0.023 ≥ 0.01); it must hold for 1d 0h again");
    assertThat(wait.until()).isEqualTo(breach.plus(MINIMUM));

    evaluateAfter(Duration.ofMinutes(1), BREACH);
    assertThat(health.breachStartedAt(clock.instant())).as("the same breach goes on").isFalse();
    assertThat(health.breachedAt()).isEqualTo(breach);
    Instant lastFailure = clock.instant();
    assertThat(health.healthySince()).isEqualTo(lastFailure);

    evaluateAfter(Duration.ofMinutes(1), PASS);
    assertThat(health.breachedAt()).isNull();
    assertThat(health.healthySince()).isEqualTo(lastFailure);
    evaluateAfter(Duration.ofHours(23), PASS);
    assertThat(gate().allowed()).as("23h 1m since the last failure").isFalse();
    evaluateAfter(Duration.ofMinutes(58), PASS);
    assertThat(gate().allowed()).as("23h 59m").isFalse();
    evaluateAfter(Duration.ofMinutes(1), PASS);
    assertThat(gate().allowed()).isTrue();
  }

  @Test
  void aBrokenQueryCountsAsAFailure() {
    evaluateAfter(Duration.ofHours(2), PASS);
    evaluateAfter(Duration.ofMinutes(1), new Evaluation(Kind.BROKEN, "error-rate: query error"));
    assertThat(health.healthySince()).isEqualTo(clock.instant());
    assertThat(health.breachedAt()).isEqualTo(clock.instant());
  }

  @Test
  void inconclusiveEvaluationsNeverPassAndChangeNothingButTheLastEvaluation() {
    evaluateAfter(Duration.ZERO, OUTAGE);
    assertThat(health.lastConclusiveAt()).isNull();
    assertThat(health.held(clock.instant())).isZero();
    assertThat(gate().allowed()).isFalse();
    evaluateAfter(Duration.ofHours(30), OUTAGE);
    assertThat(health.healthySince()).isEqualTo(ROLLOUT_END);
    assertThat(health.lastKind()).isEqualTo(Kind.INCONCLUSIVE);
    assertThat(health.lastEvaluatedAt()).isEqualTo(clock.instant());
    Verdict.NotYet wait = (Verdict.NotYet) gate();
    assertThat(wait.reason())
        .isEqualTo(
            "the health of T1 in sandbox is unknown: no evaluation has been conclusive yet"
                + " (last: error-rate: inconclusive, HTTP 503)");
    assertThat(wait.until())
        .as("looked at again after an interval")
        .isEqualTo(clock.instant().plus(INTERVAL));
  }

  @Test
  void anOutageHoldsPromotionsUntilAnEvaluationPassesAgain() {
    evaluateAfter(Duration.ZERO, PASS);
    evaluateAfter(Duration.ofHours(25), PASS);
    assertThat(gate().allowed()).isTrue();
    Instant lastPass = clock.instant();
    evaluateAfter(INTERVAL, OUTAGE);
    assertThat(gate().allowed()).as("one interval without an answer still counts").isTrue();
    evaluateAfter(INTERVAL, OUTAGE);
    assertThat(gate().allowed()).as("two intervals: still fresh").isTrue();
    evaluateAfter(Duration.ofSeconds(1), OUTAGE);
    Verdict.NotYet wait = (Verdict.NotYet) gate();
    assertThat(wait.reason()).contains("the last conclusive evaluation was at " + lastPass);
    evaluateAfter(Duration.ofMinutes(30), PASS);
    assertThat(health.healthySince()).as("the checks held on both sides").isEqualTo(ROLLOUT_END);
    assertThat(gate().allowed()).isTrue();
  }

  @Test
  void noRecordYetWaitsAnInterval() {
    Verdict.NotYet wait =
        (Verdict.NotYet)
            HealthyBakeGuard.check(
                "T1", "sandbox", Optional.empty(), MINIMUM, INTERVAL, clock.instant());
    assertThat(wait.reason())
        .isEqualTo("T1 has not been evaluated in sandbox yet (metric-gated bake)");
    assertThat(wait.until()).isEqualTo(clock.instant().plus(INTERVAL));
    Verdict.NotYet started =
        (Verdict.NotYet)
            HealthyBakeGuard.check(
                "T1", "sandbox", Optional.of(health), MINIMUM, INTERVAL, clock.instant());
    assertThat(started.reason()).isEqualTo(wait.reason());
  }

  @Test
  void aClaimMovesOnlyTheDueInstant() {
    evaluateAfter(Duration.ofHours(1), PASS);
    BakeHealth claimed = health.dueAt(clock.instant().plusSeconds(30));
    assertThat(claimed.nextDue()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(claimed.dueAt(health.nextDue())).isEqualTo(health);
  }
}
