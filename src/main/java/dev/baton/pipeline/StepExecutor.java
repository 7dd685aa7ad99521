package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Migration;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SmokeCheck;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RolloutProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Executes one step of a promotion against the registry and the cluster. Every step is idempotent:
 * running it again after a crash converges to the same state.
 */
final class StepExecutor {
  private final PipelinePorts ports;

  StepExecutor(PipelinePorts ports) {
    this.ports = ports;
  }

  /** What a step did, for the step history and for people. */
  record Outcome(boolean skipped, String detail) {
    static Outcome done(String detail) {
      return new Outcome(false, detail);
    }

    static Outcome skipped(String detail) {
      return new Outcome(true, detail);
    }
  }

  /** The release a step works with: the promotion's, or for rollback steps the previous one. */
  record Target(Promotion promotion, Release release, Release previous) {}

  Outcome execute(Step step, Target t, Consumer<String> progress) {
    Promotion p = t.promotion();
    EnvironmentDefinition env = ports.env(p.env());
    AppDefinition app = ports.app(p.app());
    return switch (step) {
      case VERIFY_IMAGES -> verify(app, p.digests());
      case MIGRATE_BEFORE -> migrate(env, app, p, Migration.Phase.BEFORE_ROLLOUT);
      case SET_IMAGES -> setImages(env, app, p, p.digests(), p.releaseTag(), p.releaseTag());
      case AWAIT_ROLLOUT -> awaitRollouts(env, app, p.digests(), progress);
      case ROLLBACK_AWAIT_ROLLOUT -> awaitRollouts(env, app, t.previous().digests(), progress);
      case MIGRATE_AFTER -> migrate(env, app, p, Migration.Phase.AFTER_ROLLOUT);
      case SMOKE_CHECKS -> smoke(env, t.release());
      case MOVE_POINTER_TAGS -> moveTags(env, app, p.digests());
      case RESTORE_POINTER_TAGS ->
          t.previous() == null
              ? Outcome.skipped("no previous release to put the tags back on")
              : moveTags(env, app, t.previous().digests());
      case ROLLBACK_SET_IMAGES ->
          setImages(
              env,
              app,
              p,
              t.previous().digests(),
              t.previous().tag(),
              t.previous().tag() + " (auto-rollback)");
      case RECORD_DEPLOYMENT, CLOSE_FAILED, CLOSE_ROLLED_BACK ->
          throw new IllegalArgumentException(step + " is not executed against the ports");
    };
  }

  private Outcome verify(AppDefinition app, Map<String, String> digests) {
    List<String> missing = new ArrayList<>();
    for (Workload w : app.workloads()) {
      String digest = digests.get(w.name());
      if (!ports.registry().exists(ports.repositoryOf(app, w), digest)) {
        missing.add(w.imageAt(digest));
      }
    }
    if (!missing.isEmpty()) {
      throw PortException.terminal(
          "missing from registry "
              + app.registry()
              + ": "
              + String.join(", ", missing)
              + "; nothing was changed");
    }
    return Outcome.done(app.workloads().size() + " images verified");
  }

  private Outcome migrate(
      EnvironmentDefinition env, AppDefinition app, Promotion p, Migration.Phase phase) {
    Migration m = app.migration();
    if (m == null || m.phase() != phase) {
      return Outcome.skipped("no migration in this phase");
    }
    if (p.kind() == PromotionKind.ROLLBACK) {
      return Outcome.skipped("rollbacks never run migrations");
    }
    Workload w = app.workload(m.workload()).orElseThrow();
    String job = jobName(app, p);
    ports.cluster().runMigration(env, app, m, w.imageAt(p.digests().get(w.name())), job);
    return Outcome.done("migration Job " + job + " succeeded");
  }

  private Outcome setImages(
      EnvironmentDefinition env,
      AppDefinition app,
      Promotion p,
      Map<String, String> digests,
      String releaseTag,
      String what) {
    // the release annotation names what the Deployment runs: the previous one after a rollback
    Map<String, String> annotations =
        Map.of(
            "baton.dev/release",
            releaseTag,
            "baton.dev/promotion",
            p.id(),
            "kubernetes.io/change-cause",
            "Baton "
                + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " of "
                + what
                + " requested by "
                + p.requester()
                + " (promotion "
                + p.id()
                + ")");
    for (Workload w : app.workloads()) {
      ports.cluster().setImage(env, w, w.imageAt(digests.get(w.name())), annotations);
    }
    return Outcome.done(app.workloads().size() + " workloads set to " + what);
  }

  private Outcome awaitRollouts(
      EnvironmentDefinition env,
      AppDefinition app,
      Map<String, String> digests,
      Consumer<String> progress) {
    for (Workload w : app.workloads()) {
      ports
          .cluster()
          .awaitRollout(
              env,
              w,
              w.imageAt(digests.get(w.name())),
              (RolloutProgress r) ->
                  progress.accept(
                      r.workload()
                          + ": "
                          + r.updated()
                          + "/"
                          + r.desired()
                          + " updated, "
                          + r.available()
                          + "/"
                          + r.desired()
                          + " available"));
    }
    return Outcome.done("rollout complete for " + app.workloads().size() + " workloads");
  }

  private Outcome smoke(EnvironmentDefinition env, Release release) {
    List<SmokeCheck> checks = ports.app(release.app()).smokeChecksFor(env.name());
    if (checks.isEmpty()) {
      return Outcome.skipped("no smoke checks for " + env.name());
    }
    for (SmokeCheck c : checks) {
      ports.smoke().check(c, release);
    }
    return Outcome.done(checks.size() + " smoke checks passed");
  }

  /**
   * Verifies every (repository, digest) first, then moves every tag: nothing moves half-checked.
   */
  private Outcome moveTags(
      EnvironmentDefinition env, AppDefinition app, Map<String, String> digests) {
    List<String> tags = env.policy().pointerTags();
    if (tags.isEmpty()) {
      return Outcome.skipped("no pointer tags for " + env.name());
    }
    verify(app, digests);
    for (String tag : tags) {
      for (Workload w : app.workloads()) {
        try {
          ports.registry().tag(ports.repositoryOf(app, w), digests.get(w.name()), tag);
        } catch (PortException e) {
          throw new PortException(
              "moving " + w.repository() + ":" + tag + " failed: " + e.getMessage(),
              e.retryable(),
              e);
        }
      }
    }
    return Outcome.done(
        "moved " + String.join(", ", tags) + " on " + app.workloads().size() + " repositories");
  }

  /** Empty when the environment runs exactly {@code digests}, healthy; else what differs. */
  java.util.Optional<String> confirmRunning(Promotion p, Map<String, String> digests) {
    var verdict =
        dev.baton.pipeline.guard.PromotionGuards.sourceRunsExactly(
            p.env(), digests, ports.cluster().running(ports.env(p.env()), ports.app(p.app())));
    if (verdict instanceof dev.baton.pipeline.guard.Verdict.Denied d) {
      return java.util.Optional.of(d.reason() + " (changed outside Baton)");
    }
    return java.util.Optional.empty();
  }

  static String jobName(AppDefinition app, Promotion p) {
    String id = p.id().replaceAll("[^a-z0-9]", "");
    return "baton-migrate-" + app.name() + "-" + id.substring(0, Math.min(8, id.length()));
  }
}
