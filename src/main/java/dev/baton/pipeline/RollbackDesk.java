package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.util.Optional;

/**
 * Rollbacks: put back an older release that ran successfully in an environment, by the rule of
 * {@link RollbackRules}. Never blocked by a freeze, never re-runs migrations.
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
    return rollback(envName, appName, tag, null, actor);
  }

  /**
   * A rollback asked from a message that showed {@code shownCurrent} as what runs: refused with
   * {@link Outdated}, in the same write, when the environment runs something else by then.
   *
   * @param shownCurrent null when no message is involved ({@code /rollback})
   */
  public Promotion rollback(
      String envName, String appName, String tag, String shownCurrent, String actor) {
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
    Promotion p = ports.store().write(tx -> open(tx, app, env, tag, shownCurrent, actor, now));
    ports.tell(new PipelineEvent.PromotionChanged(p, actor, "rollback requested"));
    if (p.state() == PromotionState.APPROVED) {
      launcher.launch(p.id());
    }
    return p;
  }

  /** The environment no longer runs what the message showed; nothing was done. */
  public static final class Outdated extends Refusal {
    private final String env;
    private final String app;
    private final String runs;
    private final String shown;

    Outdated(String env, String app, String runs, String shown) {
      super(
          Kind.CONFLICT,
          env
              + " runs "
              + (runs == null ? "nothing" : runs)
              + " now, not "
              + shown
              + " as the message showed; nothing was done");
      this.env = env;
      this.app = app;
      this.runs = runs;
      this.shown = shown;
    }

    public String env() {
      return env;
    }

    public String app() {
      return app;
    }

    /** What the environment runs now, or null. */
    public String runs() {
      return runs;
    }

    public String shown() {
      return shown;
    }
  }

  private Promotion open(
      StoreTx tx,
      AppDefinition app,
      EnvironmentDefinition env,
      String tag,
      String shownCurrent,
      String actor,
      Instant now) {
    if (shownCurrent != null) {
      String runs =
          tx.currentDeployment(app.name(), env.name()).map(Deployment::releaseTag).orElse(null);
      if (!shownCurrent.equals(runs)) {
        throw new Outdated(env.name(), app.name(), runs, shownCurrent);
      }
    }
    RollbackRules.Decision decision = RollbackRules.target(tx, app.name(), env, tag, now);
    if (decision instanceof RollbackRules.Refused refused) {
      throw refused.refusal();
    }
    Release release = ((RollbackRules.Restore) decision).release();
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
    int required = Promotions.requiredApprovals(env, PromotionKind.ROLLBACK);
    Promotion p =
        Promotions.create(
                ports.ids().get(), release, env, null, PromotionKind.ROLLBACK, actor, required, now)
            .withTrace(ports.traces().begin());
    return Promotions.insert(tx, p, env.policy(), now);
  }

  private AppDefinition onlyApp() {
    var apps = ports.pipeline().apps();
    if (apps.size() != 1) {
      throw Refusal.invalid("name the app: one of " + String.join(", ", apps.keySet()));
    }
    return apps.values().iterator().next();
  }
}
