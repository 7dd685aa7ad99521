package dev.baton.pipeline.gate;

import dev.baton.pipeline.StaleReasons;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.guard.HealthyBakeGuard;
import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gates, and the one ordered list of them for each moment of a promotion: when it is requested,
 * when someone approves it, and when it is about to start. {@link #first} decides; {@link
 * #blockers} lists everything in the way, for people.
 */
public final class Gates {
  private Gates() {}

  /**
   * A break-glass promotion passes the gates it may override (freeze, window and blackout, bake);
   * it still needs its own approvals, checked by {@link #APPROVED}. The one check at the top of
   * each of those gates.
   */
  public static boolean overriddenByBreakGlass(GateInput in) {
    return in.promotion().breaksGlass();
  }

  /** Freezes hold promotions and auto-deploys; rollbacks are never held. */
  public static final Gate NOT_FROZEN =
      in -> {
        if (overriddenByBreakGlass(in)) {
          return Verdict.ALLOWED;
        }
        return in.promotion().kind() == PromotionKind.ROLLBACK
            ? Verdict.ALLOWED
            : PromotionGuards.notFrozen(
                in.env().name(), in.store().freeze(in.env().name()), in.now());
      };

  /**
   * A promotion leaves its source link only after the minimum bake time there; when the source has
   * {@code analysis.bake: true}, only after its checks held over the whole minimum bake.
   */
  public static final Gate BAKED =
      in -> {
        if (overriddenByBreakGlass(in)) {
          return Verdict.ALLOWED;
        }
        Promotion p = in.promotion();
        if (p.kind() != PromotionKind.PROMOTION || p.sourceEnv() == null) {
          return Verdict.ALLOWED;
        }
        Optional<Deployment> source = in.store().currentDeployment(p.app(), p.sourceEnv());
        Duration minimum = in.env().policy().minimumBake();
        Verdict aged =
            PromotionGuards.baked(p.releaseTag(), p.sourceEnv(), source, minimum, in.now());
        AnalysisPolicy analysis = in.sourceAnalysis();
        if (!aged.allowed() || !analysis.metricGatedBake()) {
          return aged;
        }
        Optional<BakeHealth> health =
            in.store()
                .bakeHealth(p.app(), p.sourceEnv(), p.releaseTag())
                .filter(h -> h.rolloutEndedAt().equals(source.get().completedAt()));
        return HealthyBakeGuard.check(
            p.releaseTag(), p.sourceEnv(), health, minimum, analysis.interval(), in.now());
      };

  /** The source link still records the promotion's release (the store's view of staleness). */
  public static final Gate SOURCE_STILL_CURRENT =
      in -> {
        Promotion p = in.promotion();
        if (p.sourceEnv() == null) {
          return Verdict.ALLOWED;
        }
        Optional<Deployment> src = in.store().currentDeployment(p.app(), p.sourceEnv());
        if (src.isEmpty() || !src.get().releaseTag().equals(p.releaseTag())) {
          return Verdict.deny(Verdict.Code.STALE, StaleReasons.sourceMoved(p, src));
        }
        return Verdict.ALLOWED;
      };

  /** What the source link's cluster runs is exactly the promotion's digests, healthy. */
  public static final Gate SOURCE_RUNS_EXACTLY =
      in -> {
        Promotion p = in.promotion();
        if (p.kind() != PromotionKind.PROMOTION || p.sourceEnv() == null) {
          return Verdict.ALLOWED;
        }
        if (in.sourceRunning() == null) {
          return Verdict.notYet(
              Verdict.Code.STALE, "what runs in " + p.sourceEnv() + " was not read", null);
        }
        return PromotionGuards.sourceRunsExactly(p.sourceEnv(), p.digests(), in.sourceRunning());
      };

  /** How soon a start held by an unreadable Git looks again. */
  public static final Duration GIT_UNREADABLE_RETRY = Duration.ofSeconds(30);

  /**
   * A GitOps source link's branch head names what its cluster runs: a source whose Git and cluster
   * disagree (the controller not synced yet, drift, a change by hand) is stale, and one whose Git
   * cannot be read holds the start until it can — it is never let through. Rollbacks carry no
   * source and are never held by this.
   */
  public static final Gate SOURCE_GIT_AGREES =
      in -> {
        Promotion p = in.promotion();
        ThreeWayDrift drift = in.sourceDrift();
        if (p.kind() != PromotionKind.PROMOTION || p.sourceEnv() == null || drift == null) {
          return Verdict.ALLOWED;
        }
        if (drift.kind().unknown()) {
          return Verdict.notYet(
              Verdict.Code.STALE, drift.describe(), in.now().plus(GIT_UNREADABLE_RETRY));
        }
        if (drift.kind().gitAndClusterMayDisagree()) {
          return Verdict.deny(Verdict.Code.STALE, StaleReasons.gitDisagrees(drift));
        }
        return Verdict.ALLOWED;
      };

  /**
   * The policy's approvals for this kind of promotion are in; a break-glass promotion needs the
   * policy's break-glass approvals (approvals are only recorded from its break-glass approvers).
   */
  public static final Gate APPROVED =
      in ->
          PromotionGuards.approved(
              in.store().approvals(in.promotion().id()).size(),
              in.env().policy().approvalsFor(in.promotion()));

  /** A request waiting for approval ends at its time-to-live. */
  public static final Gate NOT_EXPIRED =
      in -> {
        Promotion p = in.promotion();
        if (p.expiresAt() == null || in.now().isBefore(p.expiresAt())) {
          return Verdict.ALLOWED;
        }
        return Verdict.deny(
            Verdict.Code.EXPIRED,
            "not approved within "
                + Durations.human(Duration.between(p.requestedAt(), p.expiresAt())));
      };

  /**
   * The environment does not already run these digests. Rollbacks are left to the rollback rules,
   * which decide when one may put back what the inventory names over a failed deployment.
   */
  public static final Gate DIGESTS_DIFFER =
      in -> {
        Promotion p = in.promotion();
        if (p.kind() == PromotionKind.ROLLBACK) {
          return Verdict.ALLOWED;
        }
        return PromotionGuards.digestsDiffer(
            in.env().name(),
            p.releaseTag(),
            in.store().currentDeployment(p.app(), p.env()),
            p.digests());
      };

  /**
   * Promotions and auto-deploys start only inside the environment's windows and outside its
   * blackouts; a rollback is never held. The window gates the start only: a promotion that runs
   * past the close is not stopped.
   */
  public static final Gate IN_WINDOW =
      in -> {
        if (overriddenByBreakGlass(in)) {
          return Verdict.ALLOWED;
        }
        return in.promotion().kind() == PromotionKind.ROLLBACK
            ? Verdict.ALLOWED
            : WindowGate.check(in.env(), in.now());
      };

  /** The gates a break-glass promotion overrides; every override is audited when it starts. */
  public static final List<Gate> BREAK_GLASS_OVERRIDES = List.of(NOT_FROZEN, IN_WINDOW, BAKED);

  /**
   * What a break-glass promotion overrides at this moment: the reasons the overridable gates would
   * give the same promotion without break-glass. Empty for an ordinary promotion.
   */
  public static List<Verdict.Blocked> overriddenNow(GateInput in) {
    if (!in.promotion().breaksGlass()) {
      return List.of();
    }
    GateInput plain =
        new GateInput(
            in.promotion().withBreakGlass(null),
            in.env(),
            in.store(),
            in.sourceRunning(),
            in.sourceDrift(),
            in.now(),
            in.sourceAnalysis());
    return blockers(BREAK_GLASS_OVERRIDES, plain);
  }

  /** The first gate that is not allowed, in order, or ALLOWED. */
  public static Verdict first(List<Gate> gates, GateInput in) {
    for (Gate g : gates) {
      Verdict v = g.check(in);
      if (!v.allowed()) {
        return v;
      }
    }
    return Verdict.ALLOWED;
  }

  /** Every gate in the way, in order: what a message shows while a promotion waits. */
  public static List<Verdict.Blocked> blockers(List<Gate> gates, GateInput in) {
    List<Verdict.Blocked> out = new ArrayList<>();
    for (Gate g : gates) {
      if (g.check(in) instanceof Verdict.Blocked b) {
        out.add(b);
      }
    }
    return out;
  }
}
