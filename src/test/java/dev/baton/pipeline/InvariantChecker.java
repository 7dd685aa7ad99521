package dev.baton.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.analysis.BakeHealth;
import dev.baton.pipeline.guard.AuthorizationGuard;
import dev.baton.pipeline.model.Approval;
import dev.baton.pipeline.model.AuditChain;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the invariants of DESIGN §3 (3 and 9 with their break-glass exception: a break-glass
 * promotion may start before its bake, in a freeze, outside a window, only with its break-glass
 * approvals from listed break-glass approvers, never the requester) against the store, the audit
 * log and the fakes. It replays the audit log incrementally (the log is a total order of every
 * state change), keeping its own model of what each environment's current release was at each
 * moment.
 */
final class InvariantChecker {
  private final TestPipeline t;
  private final Pipeline pipeline;
  private final AuthorizationGuard authorization;
  private long lastSeq = 0;
  private String lastHash = AuditChain.GENESIS;

  /** env → release tag, as the replayed log says. */
  private final Map<String, String> current = new HashMap<>();

  private final Map<String, Instant> currentSince = new HashMap<>();

  /** env → releases that ever completed there. */
  private final Map<String, Set<String>> ranIn = new HashMap<>();

  /** envs where a failure may have left the cluster or the tags away from the inventory. */
  private final Set<String> clusterDirty = new HashSet<>();

  private final Set<String> tagsDirty = new HashSet<>();

  /** envs whose running images were changed by hand, and so may differ. */
  final Set<String> drifted = new HashSet<>();

  private final Map<String, Integer> executions = new HashMap<>();

  /** Break-glass promotions that started past a bake, freeze, window or blackout. */
  int breakGlassOverrides;

  /** env → its freeze, as the log's {@code env.frozen} and {@code env.unfrozen} say. */
  private final Map<String, Freeze> freezes = new HashMap<>();

  /** release tag → its place in the order of registration, as the log says. */
  private final Map<String, Integer> registered = new HashMap<>();

  /** The model's fake Prometheus and its log of answers, or null when no environment has one. */
  MetricModel metrics;

  /** promotion id → the audit sequence number of its start. */
  private final Map<String, Long> startedAt = new HashMap<>();

  /** env → the audit sequence number of its current release's success. */
  private final Map<String, Long> currentSeq = new HashMap<>();

  /** Promotions that started out of a metric-gated source (not break-glass). */
  int metricGatedStarts;

  /** Of those, starts whose source's last evaluation was inconclusive (an outage held across). */
  int startsAcrossAnOutage;

  /** Promotions whose post-deploy analysis failed them (then closed or rolled back). */
  int analysesFailed;

  /** Promotions that succeeded after a post-deploy analysis with an inconclusive evaluation. */
  int analysesPassedWithAnOutage;

  InvariantChecker(TestPipeline t) {
    this.t = t;
    this.pipeline = t.pipeline;
    this.authorization =
        new AuthorizationGuard(
            (user, group) ->
                Fixtures.GROUP_SRE.equals(group) && Fixtures.GROUP_MEMBER.equals(user));
  }

  void checkAll(boolean quiescent) {
    replayAudit(); // invariants 2, 3, 4, 8 at the moments they apply
    checkRegisteredDigestsOnly(); // 1
    checkInventoryOnlyOnSuccess(); // 5
    checkOneOpenPromotionPerLane(); // 7
    if (quiescent) {
      checkClusterMatchesInventory(); // 5
      checkPointerTags(); // 6
    }
  }

  private void replayAudit() {
    List<AuditEvent> events = t.store.auditFrom(lastSeq + 1, 100_000);
    assertThat(AuditChain.verify(events, lastSeq + 1, lastHash))
        .as("invariant 8: audit chain")
        .isEmpty();
    for (AuditEvent e : events) {
      apply(e);
      lastSeq = e.seq();
      lastHash = e.hash();
    }
  }

  private void apply(AuditEvent e) {
    switch (e.action()) {
      case "release.registered" -> registered.putIfAbsent(e.releaseTag(), registered.size());
      case "promotion.running" -> {
        startedAt.putIfAbsent(e.promotionId(), e.seq());
        checkStart(e);
      }
      case "promotion.break-glass-override" -> breakGlassOverrides++;
      case "env.frozen" ->
          t.store
              .read(r -> r.freeze(e.env()))
              .filter(f -> f.frozenAt().equals(e.at()))
              .ifPresent(f -> freezes.put(e.env(), f));
      case "env.unfrozen" -> freezes.remove(e.env());
      case "step.succeeded" -> {
        // Baton set every workload's image: whatever was changed by hand is overwritten (on a
        // GitOps environment only once the controller applies the commit: the model says when)
        boolean gitops = pipeline.env(e.env()).map(EnvironmentDefinition::gitops).orElse(false);
        if (!gitops
            && (e.detail().startsWith("SET_IMAGES")
                || e.detail().startsWith("ROLLBACK_SET_IMAGES"))) {
          drifted.remove(e.env());
        }
      }
      case "promotion.succeeded" -> {
        Promotion p = promotion(e.promotionId());
        if (p.kind() == PromotionKind.ROLLBACK) {
          checkGoesBack(p, "succeeded");
        }
        checkPostDeployAnalysis(p, e.seq());
        current.put(p.env(), p.releaseTag());
        currentSince.put(p.env(), e.at());
        currentSeq.put(p.env(), e.seq());
        ranIn.computeIfAbsent(p.env(), k -> new HashSet<>()).add(p.releaseTag());
        clusterDirty.remove(p.env());
        tagsDirty.remove(p.env());
        drifted.remove(p.env());
        executions.merge(p.id(), 1, Integer::sum);
        assertThat(executions.get(p.id())).as("invariant 7: executed once").isEqualTo(1);
      }
      case "promotion.failed", "promotion.rolled_back" -> {
        Promotion p = promotion(e.promotionId());
        Step failed = p.failedStep();
        boolean rolledBack = e.action().equals("promotion.rolled_back");
        if (failed == Step.ANALYSIS) {
          analysesFailed++;
        }
        if (rolledBack) {
          drifted.remove(p.env());
        }
        if (failed != null && failed.touchesCluster() && !rolledBack) {
          clusterDirty.add(p.env());
        }
        if ((failed == Step.MOVE_POINTER_TAGS || failed == Step.RECORD_DEPLOYMENT)
            && (p.previousReleaseTag() == null
                || p.reason().contains("restore pointer tags failed"))) {
          tagsDirty.add(p.env());
        }
      }
      default -> {}
    }
  }

  /** Invariants 2, 3 and 4 at the moment a promotion starts executing. */
  private void checkStart(AuditEvent e) {
    Promotion p = promotion(e.promotionId());
    EnvironmentDefinition env = pipeline.env(p.env()).orElseThrow();
    Release release = t.store.read(r -> r.release(p.app(), p.releaseTag())).orElseThrow();
    assertThat(p.digests())
        .as("promotion binds the release's digests")
        .isEqualTo(release.digests());
    if (p.kind() == PromotionKind.PROMOTION && p.sourceEnv() != null) {
      assertThat(current.get(p.sourceEnv()))
          .as("invariant 2: %s ran %s when %s started", p.sourceEnv(), p.releaseTag(), p.id())
          .isEqualTo(p.releaseTag());
      assertThat(drifted)
          .as("invariant 2: no promotion leaves a drifted source")
          .doesNotContain(p.sourceEnv());
      Instant since = currentSince.get(p.sourceEnv());
      if (!p.breaksGlass()) {
        assertThat(since.plus(env.policy().minimumBake()))
            .as("invariant 3: baked")
            .isBeforeOrEqualTo(e.at());
        checkHealthyBake(p, env, since, e);
      }
    }
    if (p.kind() == PromotionKind.ROLLBACK) {
      assertThat(ranIn.getOrDefault(p.env(), Set.of()))
          .as("invariant 3: a rollback restores a release that ran there")
          .contains(p.releaseTag());
      checkGoesBack(p, "started");
    }
    if (p.kind() == PromotionKind.AUTO_DEPLOY) {
      assertThat(pipeline.indexOf(p.env())).as("auto-deploys only into the first link").isZero();
    }
    if (p.kind() != PromotionKind.ROLLBACK && !p.breaksGlass()) {
      Freeze freeze = freezes.get(p.env());
      assertThat(freeze != null && freeze.activeAt(e.at()))
          .as("%s starts in %s outside a freeze", p.id(), p.env())
          .isFalse();
      assertThat(env.schedule().isOpen(e.at()))
          .as("invariant 9: %s starts in %s inside a window, outside blackouts", p.id(), p.env())
          .isTrue();
    }
    String runs = current.get(p.env());
    if (p.kind() == PromotionKind.PROMOTION && runs != null && !runs.equals(p.releaseTag())) {
      assertThat(registered.get(p.releaseTag()))
          .as("invariant 3: no downgrade by promotion: %s over %s", p.releaseTag(), runs)
          .isGreaterThan(registered.get(runs));
    }
    int required = env.policy().approvalsFor(p);
    if (p.breaksGlass()) {
      assertThat(required).as("invariant 4: a break-glass promotion needs approval").isPositive();
    }
    List<Approval> approvals = t.store.read(r -> r.approvals(p.id()));
    Set<String> distinct = new HashSet<>();
    for (Approval a : approvals) {
      if (!a.approvedAt().isAfter(e.at())) {
        assertThat(a.approver()).as("invariant 4: never the requester").isNotEqualTo(p.requester());
        assertThat(authorization.isIn(a.approver(), env.policy().approversOf(p)))
            .as("invariant 4: authorised (break-glass) approver")
            .isTrue();
        distinct.add(a.approver());
      }
    }
    assertThat(distinct.size())
        .as("invariant 4: %d distinct approvals", required)
        .isGreaterThanOrEqualTo(required);
  }

  /**
   * Invariants 3 and 9 for a source whose bake is metric-gated: from the deployment's end to the
   * start, the watcher's evaluations of the release there (as the model judged its own answers) end
   * in a pass no older than {@link dev.baton.pipeline.analysis.BakeHealth#FRESH_INTERVALS}
   * intervals, and the checks held — no failed or refused evaluation — for the whole minimum bake
   * before the start. An inconclusive evaluation counts for nothing: not a pass, not a failure.
   */
  private void checkHealthyBake(
      Promotion p, EnvironmentDefinition target, Instant deployed, AuditEvent started) {
    Instant start = started.at();
    if (metrics == null) {
      return;
    }
    EnvironmentDefinition source = pipeline.env(p.sourceEnv()).orElseThrow();
    if (!source.analysis().metricGatedBake()) {
      return;
    }
    metricGatedStarts++;
    List<MetricModel.Evaluation> evaluations =
        metrics.evaluations(
            source.name(), p.releaseTag(), true, currentSeq.get(source.name()), started.seq());
    MetricModel.Evaluation lastConclusive = null;
    Instant healthySince = deployed;
    for (MetricModel.Evaluation ev : evaluations) {
      if (ev.judged() != MetricModel.Judged.UNKNOWN) {
        lastConclusive = ev;
      }
      if (ev.judged() == MetricModel.Judged.FAIL || ev.judged() == MetricModel.Judged.BROKEN) {
        healthySince = ev.at();
      }
    }
    String history = p.id() + " out of " + source.name() + " at " + start + ": " + evaluations;
    assertThat(lastConclusive)
        .as("invariant 9: a conclusive evaluation before a metric-gated start (%s)", history)
        .isNotNull();
    assertThat(lastConclusive.judged())
        .as("invariant 3: the last conclusive evaluation passed (%s)", history)
        .isEqualTo(MetricModel.Judged.PASS);
    Duration interval = source.analysis().interval();
    assertThat(lastConclusive.at())
        .as(
            "invariant 9: the health is known at the start, not left over from an outage (%s)",
            history)
        .isAfterOrEqualTo(start.minus(interval.multipliedBy(BakeHealth.FRESH_INTERVALS)));
    assertThat(healthySince.plus(target.policy().minimumBake()))
        .as("invariant 3: the checks held for the whole minimum bake (%s)", history)
        .isBeforeOrEqualTo(start);
    if (evaluations.get(evaluations.size() - 1).judged() == MetricModel.Judged.UNKNOWN) {
      startsAcrossAnOutage++;
    }
  }

  /**
   * A promotion that succeeded into an environment with a post-deploy analysis had, between its
   * start and its success, the analysis's evaluations with fewer failures than the limit, no
   * refused query, and at least as many passes as the rest (an inconclusive one is no pass).
   */
  private void checkPostDeployAnalysis(Promotion p, long succeeded) {
    if (metrics == null) {
      return;
    }
    var analysis = pipeline.env(p.env()).orElseThrow().analysis();
    if (!analysis.postDeployAnalysis()) {
      return;
    }
    long start = startedAt.get(p.id());
    List<MetricModel.Evaluation> evaluations =
        metrics.evaluations(p.env(), p.releaseTag(), false, start, succeeded);
    String history = p.id() + " into " + p.env() + ": " + evaluations;
    long failed = evaluations.stream().filter(ev -> ev.judged() == MetricModel.Judged.FAIL).count();
    long passed = evaluations.stream().filter(ev -> ev.judged() == MetricModel.Judged.PASS).count();
    assertThat(evaluations)
        .as("a post-deploy analysis ran its evaluations before %s succeeded", p.id())
        .hasSizeGreaterThanOrEqualTo(analysis.evaluations());
    for (int i = 1; i < evaluations.size(); i++) {
      assertThat(evaluations.get(i).at())
          .as("post-deploy evaluations an interval apart, whatever restarts (%s)", history)
          .isAfterOrEqualTo(evaluations.get(i - 1).at().plus(analysis.interval()));
    }
    assertThat(evaluations)
        .as("a refused query fails the analysis (%s)", history)
        .noneMatch(ev -> ev.judged() == MetricModel.Judged.BROKEN);
    assertThat(failed)
        .as("a failed post-deploy analysis never ends as a success (%s)", history)
        .isLessThan(analysis.failureLimit());
    assertThat(passed * 2)
        .as("an inconclusive evaluation is never a pass (%s)", history)
        .isGreaterThanOrEqualTo(evaluations.size());
    if (evaluations.stream().anyMatch(ev -> ev.judged() == MetricModel.Judged.UNKNOWN)) {
      analysesPassedWithAnOutage++;
    }
  }

  /**
   * Invariant 3: a rollback never moves an environment forward. It restores a release registered
   * before the one that runs, or puts back the inventory's own release over a failed deployment
   * that may have left part of itself running.
   */
  private void checkGoesBack(Promotion p, String when) {
    String runs = current.get(p.env());
    assertThat(runs)
        .as("invariant 3: a rollback %s in %s, where something ran", when, p.env())
        .isNotNull();
    if (p.releaseTag().equals(runs)) {
      assertThat(clusterDirty)
          .as("invariant 3: %s put back over a failed deployment only (%s)", runs, when)
          .contains(p.env());
      return;
    }
    assertThat(registered.get(p.releaseTag()))
        .as(
            "invariant 3: rollback %s to %s, older than %s which runs in %s",
            when, p.releaseTag(), runs, p.env())
        .isLessThan(registered.get(runs));
  }

  private void checkRegisteredDigestsOnly() {
    for (EnvironmentDefinition env : pipeline.environments()) {
      if (drifted.contains(env.name())) {
        continue;
      }
      for (Workload w : pipeline.app("credreg").orElseThrow().workloads()) {
        String image = t.cluster.imageOf(env.name(), w.name());
        if (image == null) {
          continue;
        }
        String digest = image.substring(image.indexOf('@') + 1);
        boolean registered =
            t.store.read(r -> r.releases("credreg", 10_000)).stream()
                .anyMatch(r -> digest.equals(r.digests().get(w.name())));
        assertThat(registered)
            .as("invariant 1: %s runs %s, a registered digest", env.name(), image)
            .isTrue();
      }
    }
  }

  private void checkInventoryOnlyOnSuccess() {
    for (EnvironmentDefinition env : pipeline.environments()) {
      List<Deployment> deployments =
          t.store.read(r -> r.deployments("credreg", env.name(), 10_000));
      for (Deployment d : deployments) {
        Promotion p = promotion(d.promotionId());
        assertThat(p.state())
            .as("invariant 5: deployment %s comes from a success", d.id())
            .isEqualTo(PromotionState.SUCCEEDED);
        assertThat(p.releaseTag()).isEqualTo(d.releaseTag());
      }
      assertThat(deployments.stream().map(Deployment::promotionId).distinct().count())
          .as("invariant 7: one deployment per promotion")
          .isEqualTo(deployments.size());
      Optional<String> tag = deployments.stream().findFirst().map(Deployment::releaseTag);
      assertThat(tag.orElse(null))
          .as("inventory of %s equals the replayed log", env.name())
          .isEqualTo(current.get(env.name()));
    }
  }

  private void checkOneOpenPromotionPerLane() {
    List<Promotion> open =
        t.store.read(
            r ->
                r.promotionsIn(
                    EnumSet.of(
                        PromotionState.PENDING_APPROVAL,
                        PromotionState.APPROVED,
                        PromotionState.RUNNING)));
    assertThat(open.stream().map(Promotion::laneKey).distinct().count())
        .as("invariant 7: one open promotion per lane")
        .isEqualTo(open.size());
  }

  private void checkClusterMatchesInventory() {
    for (EnvironmentDefinition env : pipeline.environments()) {
      if (drifted.contains(env.name()) || clusterDirty.contains(env.name())) {
        continue;
      }
      String tag = current.get(env.name());
      for (Workload w : pipeline.app("credreg").orElseThrow().workloads()) {
        String image = t.cluster.imageOf(env.name(), w.name());
        String expected = tag == null ? null : w.imageAt(release(tag).digests().get(w.name()));
        if (tag == null && image != null) {
          continue; // a first deployment that failed before any success: nothing to compare with
        }
        assertThat(image)
            .as("invariant 5: %s runs what its inventory names (%s)", env.name(), tag)
            .isEqualTo(expected);
      }
    }
  }

  private void checkPointerTags() {
    for (EnvironmentDefinition env : pipeline.environments()) {
      if (tagsDirty.contains(env.name())) {
        continue;
      }
      String tag = current.get(env.name());
      for (String pointer : env.policy().pointerTags()) {
        for (Workload w : pipeline.app("credreg").orElseThrow().workloads()) {
          Optional<String> at = t.registry.tagged("default", w.repository(), pointer);
          if (at.isEmpty()) {
            continue;
          }
          assertThat(tag)
              .as("invariant 6: %s:%s exists only for a current release", w.repository(), pointer)
              .isNotNull();
          assertThat(at.get())
              .as(
                  "invariant 6: %s:%s points at the current release of %s",
                  w.repository(), pointer, env.name())
              .isEqualTo(release(tag).digests().get(w.name()));
        }
      }
    }
  }

  private Promotion promotion(String id) {
    return t.store.read(r -> r.promotion(id)).orElseThrow();
  }

  private Release release(String tag) {
    return t.store.read(r -> r.release("credreg", tag)).orElseThrow();
  }
}
