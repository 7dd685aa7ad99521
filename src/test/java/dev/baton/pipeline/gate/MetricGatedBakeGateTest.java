package dev.baton.pipeline.gate;

import static dev.baton.pipeline.gate.GatesTest.NOW;
import static dev.baton.pipeline.gate.GatesTest.PIPELINE;
import static dev.baton.pipeline.gate.GatesTest.T1;
import static dev.baton.pipeline.gate.GatesTest.sandboxRuns;
import static dev.baton.pipeline.gate.GatesTest.toProd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.MetricCheck;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.SuccessCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BAKED when the source link has {@code analysis.bake: true}: healthy time, not merely age. */
class MetricGatedBakeGateTest {
  static final Instant ROLLOUT_END = NOW.minus(Duration.ofHours(30));
  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final AnalysisPolicy GATED =
      new AnalysisPolicy(
          INTERVAL,
          Duration.ofMinutes(10),
          1,
          List.of(
              new MetricCheck(
                  "error-rate",
                  "sum(rate(errors[5m]))",
                  SuccessCondition.parse("< 0.01"),
                  MetricCheck.OnEmpty.WAIT)),
          false,
          true);
  static final Evaluation PASS = new Evaluation(Evaluation.Kind.PASSED, "error-rate 0 < 0.01");
  static final Evaluation BREACH =
      new Evaluation(Evaluation.Kind.FAILED, "error-rate 0.023 ≥ 0.01");

  final InMemoryPipelineStore store = new InMemoryPipelineStore();
  final Promotion promotion = toProd(PromotionKind.PROMOTION, null);

  @BeforeEach
  void sandboxRunsT1For30Hours() {
    store.write(
        tx -> {
          sandboxRuns("T1", T1, ROLLOUT_END).accept(tx);
          return null;
        });
  }

  void stored(BakeHealth h) {
    store.write(
        tx -> {
          tx.putBakeHealth(h);
          return null;
        });
  }

  BakeHealth passingSince(Instant rolloutEnd) {
    return BakeHealth.start("credreg", "sandbox", "T1", rolloutEnd, rolloutEnd)
        .after(PASS, rolloutEnd, INTERVAL)
        .after(PASS, NOW.minusSeconds(30), INTERVAL);
  }

  Verdict baked(Promotion p, AnalysisPolicy source) {
    return store.read(
        r ->
            Gates.BAKED.check(
                new GateInput(p, PIPELINE.env("prod").orElseThrow(), r, null, NOW, source)));
  }

  @Test
  void withoutBakeTheAgeOfTheDeploymentIsEnough() {
    assertThat(baked(promotion, AnalysisPolicy.NONE).allowed()).isTrue();
    AnalysisPolicy postDeployOnly =
        new AnalysisPolicy(INTERVAL, INTERVAL, 1, GATED.checks(), true, false);
    assertThat(baked(promotion, postDeployOnly).allowed()).isTrue();
  }

  @Test
  void notEvaluatedYetWaitsAndNeverFails() {
    Verdict v = baked(promotion, GATED);
    assertThat(v).isInstanceOf(Verdict.NotYet.class);
    assertThat(((Verdict.NotYet) v).code()).isEqualTo(Verdict.Code.BAKING);
    assertThat(((Verdict.NotYet) v).until()).isEqualTo(NOW.plus(INTERVAL));
  }

  @Test
  void healthyOverTheWholeMinimumBakePasses() {
    stored(passingSince(ROLLOUT_END));
    assertThat(baked(promotion, GATED).allowed()).isTrue();
  }

  @Test
  void aBreachTwoHoursAgoHoldsThePromotionUntilItHeld24HoursAgain() {
    Instant breach = NOW.minus(Duration.ofHours(2));
    stored(
        passingSince(ROLLOUT_END)
            .after(BREACH, breach, INTERVAL)
            .after(PASS, breach.plus(INTERVAL), INTERVAL)
            .after(PASS, NOW.minusSeconds(20), INTERVAL));
    Verdict.NotYet wait = (Verdict.NotYet) baked(promotion, GATED);
    assertThat(wait.reason())
        .isEqualTo("T1 has held its checks in sandbox for 2h 0m of 1d 0h; 22h 0m left");
    assertThat(wait.until()).isEqualTo(breach.plus(Duration.ofHours(24)));
  }

  @Test
  void theRecordOfAnEarlierDeploymentOfTheSameReleaseDoesNotCount() {
    stored(passingSince(ROLLOUT_END.minus(Duration.ofDays(3))));
    Verdict.NotYet wait = (Verdict.NotYet) baked(promotion, GATED);
    assertThat(wait.reason()).contains("has not been evaluated in sandbox yet");
  }

  @Test
  void theAgeRuleStillComesFirst() {
    InMemoryPipelineStore young = new InMemoryPipelineStore();
    young.write(
        tx -> {
          sandboxRuns("T1", T1, NOW.minus(Duration.ofHours(1))).accept(tx);
          return null;
        });
    Verdict v =
        young.read(
            r ->
                Gates.BAKED.check(
                    new GateInput(
                        promotion, PIPELINE.env("prod").orElseThrow(), r, null, NOW, GATED)));
    assertThat(((Verdict.NotYet) v).reason()).contains("has baked 1h 0m of 1d 0h");
  }

  @Test
  void breakGlassOverridesTheMetricGatedBakeAndSaysWhatItOverrode() {
    stored(passingSince(ROLLOUT_END).after(BREACH, NOW.minusSeconds(10), INTERVAL));
    Promotion glass = promotion.withBreakGlass(new BreakGlass("INC-7 hotfix", "INC-7"));
    assertThat(baked(glass, GATED).allowed()).isTrue();
    List<Verdict.Blocked> overridden =
        store.read(
            r ->
                Gates.overriddenNow(
                    new GateInput(glass, PIPELINE.env("prod").orElseThrow(), r, null, NOW, GATED)));
    assertThat(overridden)
        .extracting(Verdict.Blocked::reason)
        .anySatisfy(reason -> assertThat(reason).startsWith("T1 breaches its checks in sandbox"));
  }
}
