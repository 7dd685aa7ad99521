package dev.baton.pipeline;

import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.analysis.MetricEvaluation;
import dev.baton.pipeline.analysis.MetricEvaluation.Evaluation;
import dev.baton.pipeline.guard.Durations;
import dev.baton.pipeline.model.AnalysisPolicy;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metric-gated bake's evaluations: every {@code interval}, in each environment with a next
 * link, the current release of each app whose analysis there (its own, else the environment's:
 * {@link dev.baton.pipeline.model.Pipeline#analysisFor}) has checks and {@code bake: true} is
 * evaluated with those checks (the source of a possible promotion), and its {@link BakeHealth}
 * moves on. A breach is audited and posted in the release's thread once, when it starts.
 *
 * <p>Each {@link #watch} is one pass, called periodically by the adapter; it does nothing at all
 * (not even a store read) when no environment is metric-gated. Of several replicas exactly one
 * evaluates a record at its due time: it claims it by moving {@code next_due} an interval ahead
 * first, so a replica that dies mid-evaluation leaves it to be evaluated again an interval later.
 */
public final class BakeWatcher {
  /** Records evaluated per pass at most; the rest are due on the next pass. */
  static final int BATCH = 100;

  /**
   * A record whose release is no longer current (or whose environment is no longer gated) is not
   * evaluated; its due time moves this far ahead, so passes stop reading it.
   */
  static final Duration RETIRED = Duration.ofDays(365);

  private final PipelinePorts ports;
  private final List<EnvironmentDefinition> gated;

  public BakeWatcher(PipelinePorts ports) {
    this.ports = ports;
    List<EnvironmentDefinition> g = new ArrayList<>();
    for (EnvironmentDefinition env : ports.pipeline().environments()) {
      if (ports.pipeline().metricGatedBakeOutOf(env.name())) {
        g.add(env);
      }
    }
    this.gated = List.copyOf(g);
  }

  /** True when some environment's promotions out of it are metric-gated. */
  public boolean active() {
    return !gated.isEmpty();
  }

  /** One pass: a record for every new current release, then every due evaluation. */
  public int watch() {
    if (gated.isEmpty()) {
      return 0;
    }
    Instant now = ports.clock().instant();
    track(now);
    int evaluated = 0;
    for (BakeHealth due : ports.store().read(r -> r.bakeHealthDue(now, BATCH))) {
      if (evaluate(due, now)) {
        evaluated++;
      }
    }
    return evaluated;
  }

  /** Starts a record, due now, for each current release of a gated environment without one. */
  private void track(Instant now) {
    List<Deployment> missing =
        ports.store().read(r -> untracked(r::currentDeployment, r::bakeHealth));
    if (missing.isEmpty()) {
      return;
    }
    ports
        .store()
        .write(
            tx -> {
              for (Deployment d : untracked(tx::currentDeployment, tx::bakeHealth)) {
                tx.putBakeHealth(
                    BakeHealth.start(d.app(), d.env(), d.releaseTag(), d.completedAt(), now));
              }
              return null;
            });
  }

  private interface Current {
    Optional<Deployment> of(String app, String env);
  }

  private interface Records {
    Optional<BakeHealth> of(String app, String env, String tag);
  }

  private List<Deployment> untracked(Current current, Records records) {
    List<Deployment> out = new ArrayList<>();
    for (EnvironmentDefinition env : gated) {
      for (String app : ports.pipeline().apps().keySet()) {
        if (!analysis(app, env.name()).metricGatedBake()) {
          continue; // the app's own analysis there has no checks, or no bake
        }
        Optional<Deployment> d = current.of(app, env.name());
        if (d.isEmpty() || d.get().completedAt() == null) {
          continue;
        }
        Optional<BakeHealth> h = records.of(app, env.name(), d.get().releaseTag());
        if (h.isEmpty() || !measures(h.get(), d.get())) {
          out.add(d.get());
        }
      }
    }
    return out;
  }

  /** The app's own analysis in the environment, else the environment's. */
  private AnalysisPolicy analysis(String app, String env) {
    return ports.pipeline().analysisFor(app, env);
  }

  private static boolean measures(BakeHealth h, Deployment d) {
    return h.releaseTag().equals(d.releaseTag()) && h.rolloutEndedAt().equals(d.completedAt());
  }

  /** Claims, evaluates and records one due record; false when another replica had it. */
  private boolean evaluate(BakeHealth due, Instant now) {
    EnvironmentDefinition env =
        gated.stream().filter(e -> e.name().equals(due.env())).findFirst().orElse(null);
    Optional<Deployment> current =
        ports.store().read(r -> r.currentDeployment(due.app(), due.env()));
    AnalysisPolicy analysis = analysis(due.app(), due.env());
    if (env == null
        || !analysis.metricGatedBake()
        || current.isEmpty()
        || !measures(due, current.get())) {
      ports.store().write(tx -> tx.claimBakeHealth(due, now.plus(RETIRED)));
      return false;
    }
    Duration interval = analysis.interval();
    // Due every interval from when it was first due, not from when a pass got to it (a 5 s tick
    // would stretch a 10 s interval to 12.5 s on average); more than an interval late (Baton was
    // down), an interval from now.
    Instant next = due.nextDue().plus(interval);
    Instant lease = (next.isAfter(now) ? next : now.plus(interval)).truncatedTo(ChronoUnit.MILLIS);
    if (!ports.store().<Boolean>write(tx -> tx.claimBakeHealth(due, lease))) {
      return false;
    }
    Release release = ports.store().read(r -> r.release(due.app(), due.releaseTag())).orElse(null);
    if (release == null) {
      return false; // a deployment of an unregistered release: nothing to render queries with
    }
    Evaluation e = MetricEvaluation.evaluate(ports.metrics(), env, release, analysis.checks());
    Instant at = ports.clock().instant();
    PipelineEvent told = ports.store().write(tx -> record(tx, due, lease, e, at, interval));
    if (told != null) {
      ports.tell(told);
    }
    return true;
  }

  private PipelineEvent record(
      dev.baton.pipeline.port.StoreTx tx,
      BakeHealth due,
      Instant lease,
      Evaluation e,
      Instant at,
      Duration interval) {
    Optional<BakeHealth> stored = tx.bakeHealth(due.app(), due.env(), due.releaseTag());
    if (stored.isEmpty() || !stored.get().nextDue().equals(lease)) {
      return null; // restarted meanwhile (a new deployment of the release): this one is stale
    }
    // next due as claimed: an interval after the last due time, not after this evaluation
    BakeHealth next = stored.get().after(e, at, interval).dueAt(lease);
    tx.putBakeHealth(next);
    EnvironmentDefinition target = ports.pipeline().nextOf(due.env()).orElseThrow();
    Duration minimum = target.policy().minimumBake();
    if (next.breachStartedAt(at)) {
      tx.audit(
          at,
          new AuditEntry(
              PromotionRunner.ACTOR,
              "bake.breached",
              due.app(),
              due.env(),
              due.releaseTag(),
              null,
              e.text()
                  + "; promotion to "
                  + target.name()
                  + " blocked until the checks hold for "
                  + Durations.human(minimum)
                  + " again"));
      return new PipelineEvent.BakeBreached(
          due.app(), due.env(), due.releaseTag(), target.name(), e.text(), at, minimum);
    }
    if (stored.get().breachedAt() != null && next.breachedAt() == null) {
      tx.audit(
          at,
          new AuditEntry(
              PromotionRunner.ACTOR,
              "bake.recovered",
              due.app(),
              due.env(),
              due.releaseTag(),
              null,
              e.text() + "; healthy since " + next.healthySince()));
      return new PipelineEvent.BakeRecovered(
          due.app(),
          due.env(),
          due.releaseTag(),
          target.name(),
          e.text(),
          at,
          next.healthySince().plus(minimum));
    }
    return null;
  }
}
