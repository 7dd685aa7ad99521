package dev.baton.pipeline;

import dev.baton.pipeline.guard.PromotionGuards;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Lease;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.view.Bake;
import dev.baton.pipeline.view.BakeHealthView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read models for people and tools: an app's state along the chain, and the audit chain's health.
 */
public final class PipelineQueries {
  private static final int VERIFY_BATCH = 5_000;
  private final PipelinePorts ports;
  private final UnrecordedImagesReader unrecorded;
  private final DriftReads drifts;

  public PipelineQueries(PipelinePorts ports) {
    this.ports = ports;
    this.unrecorded = new UnrecordedImagesReader(ports);
    this.drifts = new DriftReads(ports);
  }

  /**
   * What the inventory, the Git branch head and the cluster say of the app in a GitOps environment,
   * read now (outside any store transaction); empty for an environment Baton patches itself.
   */
  public Optional<ThreeWayDrift> gitDrift(String appName, String envName) {
    return drifts.of(ports.env(envName), ports.app(appName));
  }

  /**
   * For boards (App Home, {@code /baton status}): every GitOps environment's three-way drift of the
   * app, by environment; readings are reused for a few seconds so that many boards do not ask Git
   * and the cluster many times.
   */
  public Map<String, ThreeWayDrift> gitDrifts(String appName) {
    return drifts.recent(ports.app(appName));
  }

  /**
   * One environment of an app.
   *
   * @param runner the replica ({@code instanceId#bootId}) holding the lease of the running
   *     promotion, or null when none runs or it waits to be taken over
   * @param bakeHealthForNext how long the current release's checks held here, when promotions to
   *     the next link are metric-gated; null otherwise
   */
  public record EnvironmentState(
      String env,
      Deployment current,
      Duration bakeRemainingForNext,
      Freeze freeze,
      List<Promotion> openPromotions,
      int approvals,
      String runner,
      BakeHealthView bakeHealthForNext) {
    public EnvironmentState(
        String env,
        Deployment current,
        Duration bakeRemainingForNext,
        Freeze freeze,
        List<Promotion> openPromotions,
        int approvals,
        String runner) {
      this(env, current, bakeRemainingForNext, freeze, openPromotions, approvals, runner, null);
    }

    public EnvironmentState(
        String env,
        Deployment current,
        Duration bakeRemainingForNext,
        Freeze freeze,
        List<Promotion> openPromotions,
        int approvals) {
      this(env, current, bakeRemainingForNext, freeze, openPromotions, approvals, null);
    }

    /** The instance id of {@link #runner}, or null. */
    public String runnerInstance() {
      return runner == null ? null : runner.substring(0, Math.max(0, runner.lastIndexOf('#')));
    }
  }

  /** An app across the chain, in chain order. */
  public record AppState(String app, Instant at, List<EnvironmentState> environments) {}

  public AppState appState(String appName) {
    AppDefinition app = ports.app(appName);
    Instant now = ports.clock().instant();
    return ports
        .store()
        .read(
            r -> {
              List<EnvironmentState> envs = new ArrayList<>();
              for (EnvironmentDefinition env : ports.pipeline().environments()) {
                Optional<Deployment> current = r.currentDeployment(app.name(), env.name());
                Duration bake =
                    ports
                        .pipeline()
                        .nextOf(env.name())
                        .flatMap(
                            next ->
                                current.map(
                                    c ->
                                        Bake.of(c.completedAt(), next.policy().minimumBake(), now)
                                            .left()))
                        .orElse(null);
                BakeHealthView health =
                    ports
                        .pipeline()
                        .nextOf(env.name())
                        .map(
                            next ->
                                BakeHealthView.of(
                                    ports.pipeline().analysisFor(app.name(), env.name()),
                                    current.orElse(null),
                                    current.flatMap(
                                        c -> r.bakeHealth(app.name(), env.name(), c.releaseTag())),
                                    next.policy().minimumBake(),
                                    now))
                        .orElse(null);
                Optional<Freeze> freeze = r.freeze(env.name()).filter(f -> f.activeAt(now));
                List<Promotion> open =
                    r.openPromotion(app.name(), env.name()).map(List::of).orElse(List.of());
                int approvals = open.isEmpty() ? 0 : r.approvals(open.get(0).id()).size();
                Optional<Promotion> running =
                    open.stream().filter(p -> p.state() == PromotionState.RUNNING).findFirst();
                Optional<Lease> lease =
                    running.isEmpty() ? Optional.empty() : r.lease(running.get().laneKey());
                String runner = lease.filter(l -> !l.expiredAt(now)).map(Lease::owner).orElse(null);
                envs.add(
                    new EnvironmentState(
                        env.name(),
                        current.orElse(null),
                        bake,
                        freeze.orElse(null),
                        open,
                        approvals,
                        runner,
                        health));
              }
              return new AppState(app.name(), now, envs);
            });
  }

  /**
   * What runs in the environment compared with what Baton recorded: empty when they agree,
   * otherwise a sentence saying what runs and what was expected (drift), that the cluster runs
   * images although Baton recorded no deployment there, or that the cluster could not be read.
   * Drift blocks promotions out of that environment.
   */
  public Optional<String> drift(String appName, String envName) {
    return Optional.ofNullable(check(appName, envName).drift());
  }

  /**
   * The environment's cluster compared with the inventory, read once.
   *
   * @param drift null when the cluster runs exactly the recorded release, or nothing where nothing
   *     is recorded; otherwise the sentence of {@link #drift}
   * @param unrecorded what runs although Baton recorded no deployment there, or null
   */
  public record ClusterCheck(String drift, UnrecordedImages unrecorded) {}

  /** Reads the environment's cluster (outside any store transaction) and compares. */
  public ClusterCheck check(String appName, String envName) {
    AppDefinition app = ports.app(appName);
    EnvironmentDefinition env = ports.env(envName);
    Optional<Deployment> current =
        ports.store().read(r -> r.currentDeployment(app.name(), env.name()));
    try {
      if (current.isEmpty()) {
        UnrecordedImages found = unrecorded.read(app, env).orElse(null);
        return new ClusterCheck(found == null ? null : found.sentence(), found);
      }
      var running = ports.cluster().running(env, app);
      var verdict = PromotionGuards.sourceRunsExactly(env.name(), current.get().digests(), running);
      if (verdict instanceof Verdict.Denied d) {
        return new ClusterCheck(
            d.reason() + "; Baton expected " + current.get().releaseTag(), null);
      }
      return new ClusterCheck(null, null);
    } catch (PortException e) {
      return new ClusterCheck(
          "could not read what runs in " + env.name() + ": " + e.getMessage(), null);
    }
  }

  /**
   * For boards (App Home, {@code /baton status}): per environment without a recorded deployment,
   * the images that run there anyway. Readings are reused for a few seconds so that many boards do
   * not ask a cluster many times; an environment whose cluster cannot be read is left out.
   */
  public Map<String, UnrecordedImages> unrecordedImages(String appName) {
    return unrecorded.recent(ports.app(appName));
  }

  /** The configuration the core runs with: the chain and its apps. */
  public Pipeline pipeline() {
    return ports.pipeline();
  }

  /** The core's time. */
  public Instant now() {
    return ports.clock().instant();
  }

  /** A registered release; refuses an unknown app. */
  public Optional<Release> release(String appName, String tag) {
    AppDefinition app = ports.app(appName);
    return ports.store().read(r -> r.release(app.name(), tag));
  }

  /** The environment's current deployment of the app, if any. */
  public Optional<Deployment> currentDeployment(String app, String env) {
    return ports.store().read(r -> r.currentDeployment(app, env));
  }

  /** Audit events matching the query, newest first. */
  public List<AuditEvent> audit(AuditQuery query) {
    return ports.store().audit(query);
  }

  /** Promotions waiting for approval, oldest first. */
  public List<Promotion> pendingApprovals() {
    return ports.store().read(r -> r.promotionsIn(EnumSet.of(PromotionState.PENDING_APPROVAL)));
  }

  /** The outcome of walking the whole audit chain. */
  public record ChainVerification(boolean valid, long events, String problem, String headHash) {}

  public ChainVerification verifyAuditChain() {
    long next = 1;
    String prev = AuditChain.GENESIS;
    long count = 0;
    while (true) {
      List<AuditEvent> batch = ports.store().auditFrom(next, VERIFY_BATCH);
      Optional<String> problem = AuditChain.verify(batch, next, prev);
      if (problem.isPresent()) {
        return new ChainVerification(false, count, problem.get(), prev);
      }
      if (batch.isEmpty()) {
        return new ChainVerification(true, count, null, prev);
      }
      count += batch.size();
      AuditEvent last = batch.get(batch.size() - 1);
      next = last.seq() + 1;
      prev = last.hash();
    }
  }
}
