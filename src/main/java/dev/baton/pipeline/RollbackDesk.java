package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.StoreReads;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Rollbacks: put back the previous release that ran successfully in an environment, or a named one
 * that ran there before. Never blocked by a freeze, never re-runs migrations.
 *
 * <p>After a promotion failed once it may have changed what runs (images set, rollout started) and
 * nothing put it back (no automatic rollback, or that failed too), the cluster may run part of the
 * failed release while the inventory still names the one before. Then a rollback without a release
 * restores the release the inventory names — the one that last ran in full — and that release may
 * also be named; otherwise it is refused as already running.
 */
public final class RollbackDesk {
  private final PipelinePorts ports;
  private final PromotionLauncher launcher;

  public RollbackDesk(PipelinePorts ports, PromotionLauncher launcher) {
    this.ports = ports;
    this.launcher = launcher;
  }

  /**
   * @param appName null when the pipeline has exactly one app
   * @param tag null for the previous release
   */
  public Promotion rollback(String envName, String appName, String tag, String actor) {
    EnvironmentDefinition env = ports.env(envName);
    AppDefinition app = appName == null ? onlyApp() : ports.app(appName);
    Denials.enforce(
        ports,
        ports.authorization().mayDeploy(env, actor),
        actor,
        "rollback",
        app.name(),
        env.name(),
        tag,
        null);
    Instant now = ports.clock().instant();
    Promotion p = ports.store().write(tx -> open(tx, app, env, tag, actor, now));
    ports.tell(new PipelineEvent.PromotionChanged(p, actor, "rollback requested"));
    if (p.state() == PromotionState.APPROVED) {
      launcher.launch(p.id());
    }
    return p;
  }

  private Promotion open(
      StoreTx tx,
      AppDefinition app,
      EnvironmentDefinition env,
      String tag,
      String actor,
      Instant now) {
    Deployment current =
        tx.currentDeployment(app.name(), env.name())
            .orElseThrow(
                () -> Refusal.notNow("nothing has been deployed to " + env.name() + " yet"));
    boolean unsettled = leftUnsettled(tx, app.name(), env.name());
    Deployment target =
        tag == null
            ? defaultTarget(tx, app.name(), env.name(), current, unsettled)
                .orElseThrow(
                    () ->
                        Refusal.notNow(
                            "no earlier release ran in "
                                + env.name()
                                + "; "
                                + current.releaseTag()
                                + " is the only one"))
            : named(tx, app, env, current, tag, unsettled);
    Optional<Promotion> open = tx.openPromotion(app.name(), env.name());
    if (open.isPresent()) {
      if (open.get().state() == PromotionState.RUNNING) {
        throw Refusal.conflict(
            open.get().releaseTag()
                + " is being deployed to "
                + env.name()
                + "; a failure there rolls back by itself when the policy says so — wait for it to end");
      }
      Promotions.move(
          tx, open.get(), PromotionState.CANCELLED, actor, "superseded by a rollback", now);
    }
    Release release = tx.release(app.name(), target.releaseTag()).orElseThrow();
    int required = Promotions.requiredApprovals(env, PromotionKind.ROLLBACK);
    Promotion p =
        Promotions.create(
            ports.ids().get(), release, env, null, PromotionKind.ROLLBACK, actor, required, now);
    return Promotions.insert(tx, p, env.policy(), now);
  }

  /**
   * What a rollback of the lane without a named release restores; empty when nothing can be (only
   * one release ever ran). The Slack Rollback button offers the same.
   */
  public static Optional<Deployment> defaultTarget(StoreReads r, String app, String env) {
    return r.currentDeployment(app, env)
        .flatMap(current -> defaultTarget(r, app, env, current, leftUnsettled(r, app, env)));
  }

  private static Optional<Deployment> defaultTarget(
      StoreReads r, String app, String env, Deployment current, boolean unsettled) {
    if (unsettled) {
      return Optional.of(current);
    }
    return r.deployments(app, env, 200).stream()
        .filter(d -> !d.digests().equals(current.digests()))
        .findFirst();
  }

  /**
   * True when the lane's latest promotion that ran failed at a step from which what runs may differ
   * from the inventory, and nothing put it back.
   */
  static boolean leftUnsettled(StoreReads r, String app, String env) {
    return r.recentPromotions(app, 200).stream()
        .filter(p -> p.env().equals(env) && RAN.contains(p.state()))
        .findFirst()
        .map(
            p ->
                p.state() == PromotionState.FAILED
                    && p.failedStep() != null
                    && p.failedStep().touchesCluster())
        .orElse(false);
  }

  private static final Set<PromotionState> RAN =
      EnumSet.of(PromotionState.SUCCEEDED, PromotionState.FAILED, PromotionState.ROLLED_BACK);

  private static Deployment named(
      StoreTx tx,
      AppDefinition app,
      EnvironmentDefinition env,
      Deployment current,
      String tag,
      boolean unsettled) {
    Deployment d =
        tx.deploymentOf(app.name(), env.name(), tag)
            .orElseThrow(
                () ->
                    Refusal.conflict(
                        tag
                            + " never ran in "
                            + env.name()
                            + "; a rollback can only restore a release that ran there"));
    if (d.digests().equals(current.digests()) && !unsettled) {
      throw Refusal.conflict(env.name() + " already runs " + current.releaseTag());
    }
    return d;
  }

  private AppDefinition onlyApp() {
    var apps = ports.pipeline().apps();
    if (apps.size() != 1) {
      throw Refusal.invalid("name the app: one of " + String.join(", ", apps.keySet()));
    }
    return apps.values().iterator().next();
  }
}
