package dev.baton.pipeline.guard;

import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.port.RunningWorkload;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Pure checks over plain data that decide whether a promotion may run now. */
public final class PromotionGuards {
  private PromotionGuards() {}

  /**
   * The target environment must not be frozen: not yet while it is, until the freeze's end (or, for
   * a freeze without end, until someone unfreezes it).
   */
  public static Verdict notFrozen(String env, Optional<Freeze> freeze, Instant now) {
    if (freeze.isPresent() && freeze.get().activeAt(now)) {
      Freeze f = freeze.get();
      // Plain words and an ISO instant: adapters render the user id and the time their own way.
      String by = "baton".equals(f.frozenBy()) ? "Baton" : f.frozenBy();
      String until = f.until() == null ? "until someone unfreezes it" : "until " + f.until();
      return Verdict.notYet(
          Code.FROZEN,
          env + " is frozen by " + by + " " + until + ": " + nullToDash(f.reason()),
          f.until());
    }
    return Verdict.ALLOWED;
  }

  /**
   * The release must have completed in the source link at least {@code minimum} ago: not yet until
   * then; denied (stale) when it is not the source's release. {@code sourceDeployment} is the
   * source's current deployment.
   */
  public static Verdict baked(
      String releaseTag,
      String sourceEnv,
      Optional<Deployment> sourceDeployment,
      Duration minimum,
      Instant now) {
    if (sourceDeployment.isEmpty() || !sourceDeployment.get().releaseTag().equals(releaseTag)) {
      return Verdict.deny(Code.STALE, releaseTag + " is no longer the release of " + sourceEnv);
    }
    Duration baked = Duration.between(sourceDeployment.get().completedAt(), now);
    if (baked.compareTo(minimum) < 0) {
      return Verdict.notYet(
          Code.BAKING,
          releaseTag
              + " has baked "
              + Durations.human(baked)
              + " of "
              + Durations.human(minimum)
              + " in "
              + sourceEnv
              + "; "
              + Durations.human(minimum.minus(baked))
              + " left",
          sourceDeployment.get().completedAt().plus(minimum));
    }
    return Verdict.ALLOWED;
  }

  /**
   * What runs in the source link must be exactly the promotion's digests, with every rollout
   * complete; otherwise the promotion is stale.
   */
  public static Verdict sourceRunsExactly(
      String sourceEnv, Map<String, String> digests, Map<String, RunningWorkload> running) {
    for (var e : digests.entrySet()) {
      RunningWorkload w = running.get(e.getKey());
      if (w == null) {
        return Verdict.deny(Code.STALE, e.getKey() + " is not running in " + sourceEnv);
      }
      if (!e.getValue().equals(w.digest())) {
        return Verdict.deny(
            Code.STALE,
            sourceEnv
                + " runs "
                + (w.digest() == null ? w.image() : "sha256:" + Digests.shortDigest(w.digest()))
                + " for "
                + e.getKey()
                + ", not sha256:"
                + Digests.shortDigest(e.getValue())
                + " as recorded");
      }
      if (!w.rolloutComplete()) {
        return Verdict.deny(
            Code.STALE, "the rollout of " + e.getKey() + " in " + sourceEnv + " is not healthy");
      }
    }
    return Verdict.ALLOWED;
  }

  /** The target must not already run exactly these digests. */
  public static Verdict digestsDiffer(
      String env, String releaseTag, Optional<Deployment> current, Map<String, String> digests) {
    if (current.isPresent() && current.get().digests().equals(digests)) {
      return Verdict.deny(
          Code.NOTHING_TO_DO, env + " already runs " + current.get().releaseTag() + "");
    }
    return Verdict.ALLOWED;
  }

  /** At least {@code required} approvals. */
  public static Verdict approved(int approvals, int required) {
    if (approvals >= required) {
      return Verdict.ALLOWED;
    }
    return Verdict.deny(
        Code.UNAPPROVED, (required - approvals) + " of " + required + " approvals missing");
  }

  private static String nullToDash(String s) {
    return s == null || s.isBlank() ? "no reason given" : s;
  }
}
