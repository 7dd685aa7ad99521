package dev.baton.api;

import dev.baton.api.AppStateView.CurrentView;
import dev.baton.api.AppStateView.EnvironmentView;
import dev.baton.api.AppStateView.FreezeView;
import dev.baton.api.AppStateView.GitView;
import dev.baton.api.AppStateView.GitWorkloadView;
import dev.baton.api.AppStateView.PromotionView;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelineQueries.AppState;
import dev.baton.pipeline.PipelineQueries.ClusterCheck;
import dev.baton.pipeline.PipelineQueries.EnvironmentState;
import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.UnrecordedImages;
import dev.baton.pipeline.view.BakeHealthView;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds the API's read models from the core's queries and the store. Drift is read from every
 * environment's cluster at once, within {@code baton.api.drift-timeout} (default 5 s): a cluster
 * that does not answer in time is reported as unreadable rather than holding the answer back for
 * the adapter's whole retry budget. A GitOps environment's branch head is read alongside, within
 * the same time.
 */
@Singleton
public class AppStates {
  private final PipelineCore core;
  private final Duration driftTimeout;
  private final ExecutorService clusters =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "baton-drift");
            t.setDaemon(true);
            return t;
          });

  public AppStates(PipelineCore core, ApiSettings settings) {
    this.core = core;
    this.driftTimeout = settings.driftTimeout();
  }

  public AppStateView state(String app) {
    AppState state = core.queries().appState(app);
    // read outside the store's transaction: it asks every environment's cluster
    Map<String, Future<ClusterCheck>> asked = new LinkedHashMap<>();
    Map<String, Future<Optional<ThreeWayDrift>>> askedGit = new LinkedHashMap<>();
    for (EnvironmentState e : state.environments()) {
      asked.put(e.env(), clusters.submit(() -> core.queries().check(app, e.env())));
      if (pipeline().env(e.env()).map(EnvironmentDefinition::gitops).orElse(false)) {
        askedGit.put(e.env(), clusters.submit(() -> core.queries().gitDrift(app, e.env())));
      }
    }
    long deadline = System.nanoTime() + driftTimeout.toNanos();
    Map<String, String> drift = new HashMap<>();
    Map<String, UnrecordedImages> unrecorded = new HashMap<>();
    asked.forEach(
        (env, answer) -> {
          try {
            ClusterCheck check =
                answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (check.drift() != null) {
              drift.put(env, check.drift());
            }
            if (check.unrecorded() != null) {
              unrecorded.put(env, check.unrecorded());
            }
          } catch (TimeoutException e) {
            answer.cancel(true);
            drift.put(
                env,
                "could not read what runs in "
                    + env
                    + ": its cluster did not answer within "
                    + (driftTimeout.toMillis() % 1000 == 0
                        ? driftTimeout.toSeconds() + " s"
                        : driftTimeout.toMillis() + " ms"));
          } catch (ExecutionException e) {
            drift.put(env, "could not read what runs in " + env + ": " + e.getCause().getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drift.put(env, "could not read what runs in " + env + ": interrupted");
          }
        });
    Map<String, GitView> git = new HashMap<>();
    askedGit.forEach((env, answer) -> git.put(env, gitView(env, answer, deadline)));
    return view(state, drift, unrecorded, git);
  }

  private GitView gitView(String env, Future<Optional<ThreeWayDrift>> answer, long deadline) {
    String unread;
    try {
      Optional<ThreeWayDrift> d =
          answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return d.map(AppStates::gitView).orElse(null);
    } catch (TimeoutException e) {
      answer.cancel(true);
      unread = "Git or the cluster did not answer within " + driftTimeout.toMillis() + " ms";
    } catch (ExecutionException e) {
      unread = e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unread = "interrupted";
    }
    return new GitView(
        null,
        null,
        ThreeWayDrift.Kind.GIT_UNREADABLE.name(),
        "what Git holds for " + env + " could not be read: " + unread,
        List.of());
  }

  static GitView gitView(ThreeWayDrift d) {
    ThreeWayDrift.Kind kind = d.kind();
    return new GitView(
        d.gitCommit(),
        d.shortCommit(),
        kind.name(),
        kind.unknown() ? d.describe() : kind.words(),
        d.workloads().stream()
            .map(
                w ->
                    new GitWorkloadView(
                        w.workload(),
                        w.git(),
                        ThreeWayDrift.digestOf(w.git()),
                        w.cluster(),
                        ThreeWayDrift.digestOf(w.cluster()),
                        ThreeWayDrift.digestOf(w.inventory()),
                        w.kind().name()))
            .toList());
  }

  @PreDestroy
  void close() {
    clusters.shutdownNow();
  }

  public List<AppSummaryView> summaries() {
    Pipeline pipeline = pipeline();
    return pipeline.apps().keySet().stream()
        .map(
            app ->
                new AppSummaryView(
                    app,
                    pipeline.environments().stream().map(env -> link(app, env.name())).toList()))
        .toList();
  }

  public Optional<ReleaseView> release(String app, String tag) {
    return core.queries().release(app, tag).map(ReleaseView::of);
  }

  private AppSummaryView.Link link(String app, String env) {
    return core.queries()
        .currentDeployment(app, env)
        .map(d -> new AppSummaryView.Link(env, d.releaseTag(), Instants.text(d.completedAt())))
        .orElse(new AppSummaryView.Link(env, null, null));
  }

  private AppStateView view(
      AppState state,
      Map<String, String> drift,
      Map<String, UnrecordedImages> unrecorded,
      Map<String, GitView> git) {
    List<EnvironmentView> envs = new ArrayList<>();
    for (EnvironmentState e : state.environments()) {
      EnvironmentDefinition env = pipeline().env(e.env()).orElseThrow();
      envs.add(
          new EnvironmentView(
              e.env(),
              pipeline().nextOf(e.env()).map(EnvironmentDefinition::name).orElse(null),
              e.current() == null ? null : current(e.current()),
              Instants.seconds(e.bakeRemainingForNext()),
              e.freeze() == null ? null : freeze(e.freeze()),
              env.policy().requiredApprovals(),
              e.openPromotions().stream().map(p -> promotion(p, e, env.policy())).toList(),
              drift.get(e.env()),
              Optional.ofNullable(unrecorded.get(e.env()))
                  .map(UnrecordedImages::images)
                  .orElse(null),
              git.get(e.env()),
              bakeHealth(e.bakeHealthForNext())));
    }
    return new AppStateView(state.app(), Instants.text(state.at()), envs);
  }

  private static AppStateView.BakeHealthJson bakeHealth(BakeHealthView h) {
    if (h == null) {
      return null;
    }
    return new AppStateView.BakeHealthJson(
        h.state().name(),
        h.held().toSeconds(),
        h.minimum().toSeconds(),
        h.complete(),
        h.since() == null ? null : Instants.text(h.since()));
  }

  private CurrentView current(Deployment d) {
    String commit =
        core.queries().release(d.app(), d.releaseTag()).map(Release::commit).orElse(null);
    return new CurrentView(
        d.releaseTag(),
        commit,
        d.digests(),
        Instants.text(d.completedAt()),
        d.kind().name(),
        d.actor(),
        d.promotionId());
  }

  private static FreezeView freeze(Freeze f) {
    return new FreezeView(
        f.frozenBy(), f.reason(), Instants.text(f.frozenAt()), Instants.text(f.until()));
  }

  /** Approvals and runner are what the core read for the environment's open promotion. */
  private static PromotionView promotion(
      Promotion p, EnvironmentState e, EnvironmentPolicy policy) {
    int required = policy.approvalsFor(p);
    return new PromotionView(
        p.id(),
        p.kind().name(),
        p.releaseTag(),
        p.sourceEnv(),
        p.state().name(),
        p.requester(),
        Instants.text(p.requestedAt()),
        Instants.text(p.expiresAt()),
        e.approvals(),
        required,
        p.state() == PromotionState.RUNNING ? p.step().name() : null,
        p.state() == PromotionState.RUNNING ? e.runner() : null);
  }

  private Pipeline pipeline() {
    return core.queries().pipeline();
  }
}
