package dev.baton.pipeline.gate;

import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.Blackout;
import dev.baton.pipeline.model.DeploymentSchedule;
import dev.baton.pipeline.model.EnvironmentDefinition;
import java.time.Instant;
import java.util.Optional;

/**
 * The environment's schedule at one instant: allowed inside a window and outside every blackout,
 * otherwise not yet, until the next opening. The reason names instants as {@link Instant#toString}
 * writes them, which each surface renders in its readers' time.
 */
final class WindowGate {
  private WindowGate() {}

  static Verdict check(EnvironmentDefinition env, Instant now) {
    DeploymentSchedule s = env.schedule();
    if (s.isOpen(now)) {
      return Verdict.ALLOWED;
    }
    Optional<Instant> opens = s.nextOpening(now);
    String when = opens.map(t -> "opens " + t).orElse("no opening is in sight");
    Optional<Blackout> blackout = s.blackoutAt(now);
    String reason =
        blackout.isPresent()
            ? inBlackout(env.name(), blackout.get()) + "; " + when
            : "outside "
                + env.name()
                + "'s deployment window ("
                + s.describeWindows()
                + "); "
                + when;
    return Verdict.notYet(Verdict.Code.OUTSIDE_WINDOW, reason, opens.orElse(null));
  }

  private static String inBlackout(String env, Blackout b) {
    return env
        + " is in a blackout"
        + (b.reason() == null ? "" : " (" + b.reason() + ")")
        + " until "
        + b.end();
  }
}
