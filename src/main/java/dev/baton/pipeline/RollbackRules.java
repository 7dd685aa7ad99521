package dev.baton.pipeline;

import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.StoreReads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides what a rollback may restore: {@code /rollback}, the Roll back button
 * and the start of an approved rollback all ask it.
 *
 * <p>A rollback goes backwards only. Its target is a release that ran successfully in the
 * environment before the current one and was registered before it; by default the most recently
 * deployed such release whose digests differ from the current ones. A newer release is a promotion
 * (approvals, freezes apply) and is refused as one. The one exception: when the lane's latest
 * promotion that ran failed at a step that may have touched the cluster and nothing put it back
 * ({@link #leftUnsettled}), the target is the release the inventory names, put back as it was.
 */
public final class RollbackRules {
  private static final int HISTORY = 200;

  private RollbackRules() {}

  /** What a rollback would do: restore a release, or why it cannot. */
  public sealed interface Decision {}

  /**
   * Restore {@code release} over {@code current}.
   *
   * @param putBack the release is the inventory's own, put back over a failed deployment
   */
  public record Restore(Release release, Deployment current, boolean putBack) implements Decision {}

  /** No rollback; {@code reason} is written for the person who asked. */
  public record Refused(Refusal.Kind kind, String reason) implements Decision {
    public Refusal refusal() {
      return new Refusal(kind, reason);
    }
  }

  /** A Roll back button: restore {@code targetTag}, replacing {@code fromTag} (what runs now). */
  public record Offer(String targetTag, String fromTag) {}

  /**
   * What {@code /rollback <env> [app] [tag]} restores now.
   *
   * @param tag null for the default target
   */
  public static Decision target(
      StoreReads r, String app, EnvironmentDefinition env, String tag, Instant now) {
    return target(r, app, env.name(), env.policy(), tag, now);
  }

  /**
   * As {@link #target(StoreReads, String, EnvironmentDefinition, String, Instant)}; {@code policy}
   * null leaves it out of refusals.
   */
  static Decision target(
      StoreReads r, String app, String env, EnvironmentPolicy policy, String tag, Instant now) {
    Optional<Deployment> found = r.currentDeployment(app, env);
    if (found.isEmpty()) {
      return new Refused(Refusal.Kind.NOT_NOW, "nothing has been deployed to " + env + " yet");
    }
    Deployment current = found.get();
    Release runs = r.release(app, current.releaseTag()).orElseThrow();
    boolean unsettled = LaneHistory.leftUnsettled(r, app, env);
    Lane lane = new Lane(r, env, policy, current, runs, now);
    return tag == null ? byDefault(lane, unsettled) : named(lane, tag, unsettled);
  }

  /** What the rule looks at: the lane's current deployment and its release. */
  private record Lane(
      StoreReads r,
      String env,
      EnvironmentPolicy policy,
      Deployment current,
      Release runs,
      Instant now) {
    String newer(Release newer) {
      return LaneHistory.newer(r, env, policy, newer, runs, now);
    }
  }

  private static Decision byDefault(Lane l, boolean unsettled) {
    if (unsettled) {
      return new Restore(l.runs(), l.current(), true);
    }
    List<Deployment> history = l.r().deployments(l.current().app(), l.env(), HISTORY);
    Release newer = null;
    for (Deployment d : history.subList(Math.min(1, history.size()), history.size())) {
      if (d.digests().equals(l.current().digests())) {
        continue;
      }
      Release candidate = l.r().release(d.app(), d.releaseTag()).orElseThrow();
      if (LaneHistory.registeredBefore(l.r(), candidate, l.runs())) {
        return new Restore(candidate, l.current(), false);
      }
      newer = newer == null ? candidate : newer;
    }
    if (newer == null) {
      return new Refused(
          Refusal.Kind.NOT_NOW,
          "no earlier release ran in " + l.env() + "; " + l.runs().tag() + " is the only one");
    }
    return new Refused(
        Refusal.Kind.NOT_NOW,
        "no release older than "
            + l.runs().tag()
            + " ran in "
            + l.env()
            + ", so there is nothing to roll back to; "
            + l.newer(newer));
  }

  private static Decision named(Lane l, String tag, boolean unsettled) {
    Optional<Release> release = l.r().release(l.current().app(), tag);
    Optional<Deployment> ran = l.r().deploymentOf(l.current().app(), l.env(), tag);
    if (ran.isPresent() && ran.get().digests().equals(l.current().digests())) {
      return unsettled
          ? new Restore(release.orElse(l.runs()), l.current(), true)
          : new Refused(Refusal.Kind.CONFLICT, l.env() + " already runs " + l.runs().tag());
    }
    if (release.isPresent() && !LaneHistory.registeredBefore(l.r(), release.get(), l.runs())) {
      return new Refused(Refusal.Kind.CONFLICT, l.newer(release.get()));
    }
    if (ran.isEmpty()) {
      return new Refused(
          Refusal.Kind.CONFLICT,
          tag
              + " never ran in "
              + l.env()
              + "; a rollback can only restore a release that ran there");
    }
    return new Restore(release.orElseThrow(), l.current(), false);
  }

  /**
   * The Roll back button a promotion's message offers, if any: never on a rollback's own result,
   * nor after a failure that changed nothing, nor after an automatic rollback; after a failure that
   * may have changed the cluster, while nothing put it back, the release the inventory names; on
   * the current deployment of the chain's last environment, when an older release can be restored.
   */
  public static Optional<Offer> offer(
      StoreReads r, EnvironmentDefinition env, boolean lastEnv, Promotion p, Instant now) {
    Optional<Deployment> current = r.currentDeployment(p.app(), p.env());
    if (current.isEmpty()) {
      return Optional.empty();
    }
    String runs = current.get().releaseTag();
    return switch (p.state()) {
      case FAILED ->
          LaneHistory.changedTheCluster(p)
                  && leftUnsettled(r, p.app(), p.env())
                  && LaneHistory.latestThatRan(r, p.app(), p.env())
                      .map(p.id()::equals)
                      .orElse(false)
              ? Optional.of(new Offer(runs, runs))
              : Optional.empty();
      case SUCCEEDED ->
          p.kind() != PromotionKind.ROLLBACK
                  && lastEnv
                  && p.id().equals(current.get().promotionId())
                  && target(r, p.app(), env, null, now) instanceof Restore t
                  && !t.putBack()
              ? Optional.of(new Offer(t.release().tag(), runs))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * Whether a rollback may still start: the rule applied again to what the environment runs now. A
   * denial ({@link Code#STALE}) means the rollback no longer goes backwards, or its release never
   * ran there, or the environment runs it already.
   */
  public static Verdict stillValid(StoreReads r, Promotion rollback) {
    Optional<Deployment> current = r.currentDeployment(rollback.app(), rollback.env());
    if (current.isEmpty()) {
      return Verdict.deny(Code.STALE, "nothing runs in " + rollback.env() + " to roll back");
    }
    String runs = current.get().releaseTag();
    if (current.get().digests().equals(rollback.digests())) {
      return LaneHistory.leftUnsettled(r, rollback.app(), rollback.env())
          ? Verdict.ALLOWED
          : Verdict.deny(Code.STALE, rollback.env() + " already runs " + runs);
    }
    if (r.deploymentOf(rollback.app(), rollback.env(), rollback.releaseTag()).isEmpty()) {
      return Verdict.deny(Code.STALE, rollback.releaseTag() + " never ran in " + rollback.env());
    }
    Release target = r.release(rollback.app(), rollback.releaseTag()).orElseThrow();
    Release running = r.release(rollback.app(), runs).orElseThrow();
    if (!LaneHistory.registeredBefore(r, target, running)) {
      return Verdict.deny(
          Code.STALE,
          rollback.releaseTag()
              + " is newer than what runs in "
              + rollback.env()
              + " now ("
              + runs
              + "); a rollback never moves an environment forward");
    }
    return Verdict.ALLOWED;
  }

  /**
   * True when the lane's latest promotion that ran failed at a step from which what runs may differ
   * from the inventory, and nothing put it back.
   */
  public static boolean leftUnsettled(StoreReads r, String app, String env) {
    return LaneHistory.leftUnsettled(r, app, env);
  }
}
