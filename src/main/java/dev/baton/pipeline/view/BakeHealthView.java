package dev.baton.pipeline.view;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a release's checks have held in a metric-gated source link, against the minimum bake:
 * "held for 18h 0m of 1d 0h". The same rules as the BAKED gate ({@link BakeHealth#fresh}), so what
 * people read is what the gate decides.
 *
 * @param held how long the checks have held, at most {@code minimum}
 * @param since when the current healthy stretch began (the rollout's end or the last failure); null
 *     before the first evaluation
 */
public record BakeHealthView(State state, Duration held, Duration minimum, Instant since) {

  /** Where the release's health stands. */
  public enum State {
    /** The checks hold and the last pass is recent: the clock counts. */
    HOLDING,
    /** The last conclusive evaluation breached a check: the clock restarted there. */
    BREACHING,
    /** No recent conclusive evaluation (Prometheus does not answer): the clock does not count. */
    UNKNOWN,
    /** Not evaluated yet. */
    NOT_EVALUATED
  }

  /**
   * The view of {@code current}'s record, or null when promotions out of the link are not
   * metric-gated.
   */
  public static BakeHealthView of(
      AnalysisPolicy source,
      Deployment current,
      Optional<BakeHealth> record,
      Duration minimum,
      Instant now) {
    if (!source.metricGatedBake() || current == null) {
      return null;
    }
    Optional<BakeHealth> h =
        record.filter(
            r ->
                r.releaseTag().equals(current.releaseTag())
                    && r.rolloutEndedAt().equals(current.completedAt()));
    if (h.isEmpty() || h.get().lastEvaluatedAt() == null) {
      return new BakeHealthView(State.NOT_EVALUATED, Duration.ZERO, minimum, null);
    }
    BakeHealth b = h.get();
    State state =
        b.breachedAt() != null
            ? State.BREACHING
            : b.fresh(now, source.interval()) ? State.HOLDING : State.UNKNOWN;
    Duration held = state == State.BREACHING ? Duration.ZERO : b.held(now);
    return new BakeHealthView(
        state, held.compareTo(minimum) > 0 ? minimum : held, minimum, b.healthySince());
  }

  /** True when this health lets the release leave the link. */
  public boolean complete() {
    return state == State.HOLDING && held.compareTo(minimum) >= 0;
  }

  /** "held for 18h 0m of 1d 0h", "breaching", "health unknown", "not evaluated yet". */
  public String text() {
    String of = Durations.human(held) + " of " + Durations.human(minimum);
    return switch (state) {
      case HOLDING -> "checks held for " + of;
      case BREACHING -> "checks breaching: held for 0s of " + Durations.human(minimum);
      case UNKNOWN -> "checks held for " + of + ", health unknown now (no recent answer)";
      case NOT_EVALUATED -> "checks not evaluated yet (0s of " + Durations.human(minimum) + ")";
    };
  }
}
