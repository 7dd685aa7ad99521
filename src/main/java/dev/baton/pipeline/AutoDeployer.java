package dev.baton.pipeline;

import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.util.Optional;

/**
 * Deploys new builds to the first link when its policy says so. A freeze skips the build; a running
 * deployment defers it, and the sweeper deploys the newest build once the lane is free. Outside the
 * link's deployment windows (or in a blackout) the deploy is created and waits: the start gates
 * leave it approved with a wake-up at the next opening, and a newer build supersedes it.
 */
public final class AutoDeployer {
  static final String ACTOR = "baton";
  private final PipelinePorts ports;
  private final PromotionLauncher launcher;

  public AutoDeployer(PipelinePorts ports, PromotionLauncher launcher) {
    this.ports = ports;
    this.launcher = launcher;
  }

  /** Auto-deploys {@code release} if the first link's policy wants it and nothing prevents it. */
  public void deploy(Release release) {
    EnvironmentDefinition first = ports.pipeline().first();
    if (!first.policy().autoDeploy()) {
      return;
    }
    Instant now = ports.clock().instant();
    Optional<String> id = ports.store().write(tx -> plan(tx, release, first, now));
    id.ifPresent(launcher::launch);
  }

  /** Deploys the app's newest release if it has not been tried in the first link yet. */
  public void catchUp(String app) {
    ports.store().read(tx -> tx.releases(app, 1)).stream().findFirst().ifPresent(this::deploy);
  }

  private Optional<String> plan(
      StoreTx tx, Release release, EnvironmentDefinition env, Instant now) {
    var newest = tx.releases(release.app(), 1);
    if (!newest.isEmpty() && !newest.get(0).tag().equals(release.tag())) {
      return Optional.empty(); // a newer build exists; it is the one to deploy
    }
    boolean tried =
        tx.recentPromotions(release.app(), 50).stream()
            .anyMatch(
                p ->
                    p.env().equals(env.name())
                        && p.releaseTag().equals(release.tag())
                        && p.kind() == PromotionKind.AUTO_DEPLOY);
    if (tried
        || !PromotionGuards.digestsDiffer(
                env.name(),
                release.tag(),
                tx.currentDeployment(release.app(), env.name()),
                release.digests())
            .allowed()) {
      return Optional.empty();
    }
    var frozen = PromotionGuards.notFrozen(env.name(), tx.freeze(env.name()), now);
    if (frozen instanceof Verdict.Blocked d) {
      tx.audit(now, entry("auto-deploy.skipped", release, env, d.reason()));
      return Optional.empty();
    }
    Optional<Promotion> open = tx.openPromotion(release.app(), env.name());
    if (open.isPresent()) {
      if (open.get().state() == PromotionState.RUNNING) {
        tx.audit(
            now,
            entry("auto-deploy.deferred", release, env, open.get().releaseTag() + " is deploying"));
        return Optional.empty();
      }
      Promotions.move(
          tx, open.get(), PromotionState.CANCELLED, ACTOR, "superseded by " + release.tag(), now);
    }
    Promotion p =
        Promotions.create(
                ports.ids().get(), release, env, null, PromotionKind.AUTO_DEPLOY, ACTOR, 0, now)
            .withTrace(ports.traces().begin());
    Promotions.insert(tx, p, env.policy(), now);
    if (Gates.IN_WINDOW.check(new GateInput(p, env, tx, null, now))
        instanceof Verdict.NotYet wait) {
      tx.audit(now, entry("auto-deploy.waiting", release, env, wait.reason()));
    }
    return Optional.of(p.id());
  }

  private static AuditEntry entry(
      String action, Release release, EnvironmentDefinition env, String detail) {
    return new AuditEntry(ACTOR, action, release.app(), env.name(), release.tag(), null, detail);
  }
}
