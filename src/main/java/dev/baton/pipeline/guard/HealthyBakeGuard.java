package dev.baton.pipeline.guard;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.guard.Verdict.Code;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The metric-gated bake: a release leaves a source link with {@code analysis.bake: true} only after
 * its checks held there for the whole minimum bake. Every answer other than allowed is a wait,
 * never a denial: a breach or an outage holds promotions, it does not fail them.
 */
public final class HealthyBakeGuard {
  private HealthyBakeGuard() {}

  /**
   * @param health the release's bake-health record for its current deployment in the source, if the
   *     watcher made one
   * @param interval the source's analysis interval: how often the record is evaluated
   */
  public static Verdict check(
      String releaseTag,
      String sourceEnv,
      Optional<BakeHealth> health,
      Duration minimum,
      Duration interval,
      Instant now) {
    Instant soon = now.plus(interval);
    if (health.isEmpty() || health.get().lastEvaluatedAt() == null) {
      return Verdict.notYet(
          Code.BAKING,
          releaseTag + " has not been evaluated in " + sourceEnv + " yet (metric-gated bake)",
          soon);
    }
    BakeHealth h = health.get();
    if (h.breachedAt() != null) {
      return Verdict.notYet(
          Code.BAKING,
          releaseTag
              + " breaches its checks in "
              + sourceEnv
              + " since "
              + h.breachedAt()
              + " ("
              + h.lastText()
              + "); it must hold for "
              + Durations.human(minimum)
              + " again",
          later(h.healthySince().plus(minimum), soon));
    }
    if (!h.fresh(now, interval)) {
      String last =
          h.lastConclusiveAt() == null
              ? "no evaluation has been conclusive yet"
              : "the last conclusive evaluation was at " + h.lastConclusiveAt();
      return Verdict.notYet(
          Code.BAKING,
          "the health of "
              + releaseTag
              + " in "
              + sourceEnv
              + " is unknown: "
              + last
              + " (last: "
              + h.lastText()
              + ")",
          soon);
    }
    Duration held = h.held(now);
    if (held.compareTo(minimum) < 0) {
      return Verdict.notYet(
          Code.BAKING,
          releaseTag
              + " has held its checks in "
              + sourceEnv
              + " for "
              + Durations.human(held)
              + " of "
              + Durations.human(minimum)
              + "; "
              + Durations.human(minimum.minus(held))
              + " left",
          h.healthySince().plus(minimum));
    }
    return Verdict.ALLOWED;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
