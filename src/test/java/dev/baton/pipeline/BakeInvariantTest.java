package dev.baton.pipeline;

import static dev.baton.fakes.FakeMetrics.outage;
import static dev.baton.fakes.FakeMetrics.value;
import static dev.baton.testing.Recorded.promotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metric-gated bake against a model: random stretches of passing, breaching and unanswered
 * (outage) evaluations, minute by minute, while a promotion to prod waits approved. The model
 * applies the documented rules on its own; after every minute, the promotion has started only if
 * the model says the checks held for the whole bake with a recent pass, and it starts within two
 * minutes once the model says so.
 *
 * <p>The safety half (never before the checks held) is also checked by {@link InvariantModelTest}
 * among every other kind of step; what only this test checks is the liveness half: a promotion the
 * checks let through does start, on its own wake-up, within two evaluations.
 */
class BakeInvariantTest {
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration BAKE = Duration.ofHours(24);

  /** The documented rules, written again without the production classes. */
  static final class Model {
    Instant healthySince;
    Instant lastPass;
    boolean breaching;

    Model(Instant rolloutEnd) {
      healthySince = rolloutEnd;
    }

    void evaluated(Instant at, Metrics.Result r) {
      if (r instanceof Metrics.Inconclusive) {
        return;
      }
      double v = ((Metrics.Series) r).samples().get(0).value();
      if (v < 0.01) {
        lastPass = at;
        breaching = false;
      } else {
        healthySince = at;
        breaching = true;
      }
    }

    boolean mayLeave(Instant now) {
      return !breaching
          && lastPass != null
          && !lastPass.isBefore(now.minus(MINUTE.multipliedBy(2)))
          && !now.isBefore(healthySince.plus(BAKE));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void aPromotionLeavesOnlyAfterTheChecksHeldForTheWholeBake(long seed) {
    Random random = new Random(seed);
    TestPipeline t = BakeWatcherTest.sandboxGated(BakeWatcherTest.bake(MINUTE));
    RollbackTable.toSandbox(t, 1);
    Instant rolloutEnd =
        t.store.read(r -> r.currentDeployment("credreg", "sandbox")).orElseThrow().completedAt();
    Model model = new Model(rolloutEnd);
    Promotion p = BakeWatcherTest.approvedToProd(t);
    Instant satisfiedSince = null;
    for (int minute = 0; minute < 6 * 24 * 60; minute++) {
      Metrics.Result answer = nextAnswer(random);
      t.metrics.answer(answer);
      t.advance(MINUTE);
      Instant now = t.clock.instant();
      PromotionState state = promotion(t.store, p.id()).state();
      if (state != PromotionState.APPROVED) {
        assertThat(model.mayLeave(now))
            .as(
                "seed %d: started at %s, healthy since %s, last pass %s, breaching %s",
                seed, now, model.healthySince, model.lastPass, model.breaching)
            .isTrue();
        assertThat(state).isEqualTo(PromotionState.SUCCEEDED);
        return;
      }
      if (t.core().bakes().watch() == 1) {
        model.evaluated(now, answer);
      }
      if (model.mayLeave(now.plus(MINUTE))) {
        satisfiedSince = satisfiedSince == null ? now : satisfiedSince;
        assertThat(Duration.between(satisfiedSince, now))
            .as("seed %d: the model let it leave at %s", seed, satisfiedSince)
            .isLessThanOrEqualTo(MINUTE.multipliedBy(2));
      } else {
        satisfiedSince = null;
      }
    }
    assertThat(model.mayLeave(t.clock.instant())).as("seed %d never let it leave", seed).isFalse();
  }

  /** Stretches: mostly passing, sometimes an outage of up to 10 minutes, now and then a breach. */
  private Metrics.Result current;

  private int stretchLeft;

  private Metrics.Result nextAnswer(Random random) {
    if (stretchLeft-- > 0 && current != null) {
      return current;
    }
    int draw = random.nextInt(100);
    if (draw < 6) {
      current = value(0.02 + random.nextInt(50) / 1000.0);
      stretchLeft = random.nextInt(5);
    } else if (draw < 20) {
      current = outage();
      stretchLeft = random.nextInt(10);
    } else {
      current = value(random.nextInt(10) / 1000.0);
      stretchLeft = random.nextInt(400);
    }
    return current;
  }
}
