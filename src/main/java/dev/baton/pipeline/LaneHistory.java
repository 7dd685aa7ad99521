package dev.baton.pipeline;

import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.StoreReads;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What {@link RollbackRules} reads from a lane's history, and how it words a newer release. */
final class LaneHistory {
  private static final int HISTORY = 200;
  private static final Set<PromotionState> RAN =
      EnumSet.of(PromotionState.SUCCEEDED, PromotionState.FAILED, PromotionState.ROLLED_BACK);

  private LaneHistory() {}

  /** True when the promotion failed at a step that may have changed what runs. */
  static boolean changedTheCluster(Promotion p) {
    return p.failedStep() != null && p.failedStep().touchesCluster();
  }

  /**
   * True when the lane's latest promotion that ran failed at a step from which what runs may differ
   * from the inventory, and nothing put it back.
   */
  static boolean leftUnsettled(StoreReads r, String app, String env) {
    return ran(r, app, env)
        .map(p -> p.state() == PromotionState.FAILED && changedTheCluster(p))
        .orElse(false);
  }

  static Optional<String> latestThatRan(StoreReads r, String app, String env) {
    return ran(r, app, env).map(Promotion::id);
  }

  private static Optional<Promotion> ran(StoreReads r, String app, String env) {
    return r.recentPromotions(app, HISTORY).stream()
        .filter(p -> p.env().equals(env) && RAN.contains(p.state()))
        .findFirst();
  }

  /**
   * True when {@code a} was registered before {@code b}: earlier {@link Release#registeredAt}, or
   * at the same instant and written first.
   */
  static boolean registeredBefore(StoreReads r, Release a, Release b) {
    if (a.tag().equals(b.tag())) {
      return false;
    }
    int byTime = a.registeredAt().compareTo(b.registeredAt());
    if (byTime != 0) {
      return byTime < 0;
    }
    for (Release newestFirst : r.releases(a.app(), Integer.MAX_VALUE)) {
      if (newestFirst.tag().equals(b.tag())) {
        return true;
      }
      if (newestFirst.tag().equals(a.tag())) {
        return false;
      }
    }
    return a.tag().compareTo(b.tag()) < 0;
  }

  /** "B is newer than what runs in prod (A); promote it instead — prod needs 2 approvals …". */
  static String newer(
      StoreReads r,
      String env,
      EnvironmentPolicy policy,
      Release newer,
      Release runs,
      Instant now) {
    int approvals = policy == null ? 0 : policy.approvalsFor(PromotionKind.PROMOTION);
    Optional<Freeze> freeze = r.freeze(env).filter(f -> f.activeAt(now));
    String needs =
        approvals == 0 ? "" : "needs " + approvals + " approval" + (approvals == 1 ? "" : "s");
    String frozen =
        freeze
            .map(
                f ->
                    f.until() == null
                        ? "is frozen until someone unfreezes it"
                        : "is frozen for another "
                            + Durations.human(Duration.between(now, f.until())))
            .orElse("");
    String policyText =
        needs.isEmpty() && frozen.isEmpty()
            ? ""
            : " — "
                + env
                + " "
                + needs
                + (needs.isEmpty() || frozen.isEmpty() ? "" : " and ")
                + frozen;
    return newer.tag()
        + " is newer than what runs in "
        + env
        + " ("
        + runs.tag()
        + "); promote it instead"
        + policyText;
  }
}
