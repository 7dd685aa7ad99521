package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.testing.Recorded;
import dev.baton.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Model-based randomised test of the core: random schedules of registrations, requests, approvals
 * by random people, double clicks, rejections, expiries, freezes, rollbacks (of rollbacks, to named
 * releases older and newer, and clicks on Roll back buttons of outdated messages), injected step
 * failures and crashes, in a credreg with random deployment windows and blackouts, and random
 * break-glass requests into environments with random break-glass approvers, and random metric
 * analyses ({@link MetricModel}: a post-deploy analysis, a metric-gated bake of the promotions out
 * of an environment, or both, on a fake Prometheus whose every answer the schedule draws: a pass, a
 * breach, an outage, no series, a refused query), with every invariant (nine, with the break-glass
 * exception) checked after every step. The schedule count is the system property {@code
 * baton.invariants.schedules} (CI: 2,000).
 */
public class InvariantModelTest {
  static final String[] ACTORS = {
    REQUESTER, APPROVER_1, APPROVER_2, APPROVER_3, GROUP_MEMBER, DEPLOYER, ADMIN, OUTSIDER
  };
  static final String[] ENVS = {"test", "sandbox", "prod"};
  static final String[] FAULT_POINTS = {
    "registry.exists",
    "registry.tag",
    "registry.resolve",
    "cluster.setImage",
    "cluster.awaitRollout",
    "cluster.runMigration",
    "cluster.running",
    "smoke"
  };

  /**
   * Windows are drawn from a stream of their own, so that they leave every other draw as it was.
   */
  static final long WINDOW_SALT = 0x5EED_0F_0A11L;

  /** So do the GitOps controller's draws. */
  static final long GITOPS_SALT = 0x6170_5_0A75L;

  /** Break-glass draws have a stream of their own too, leaving every other draw as it was. */
  static final long BREAK_GLASS_SALT = 0xB4EA_6_1A55L;

  /** And so do the metric analyses and the fake Prometheus' answers ({@link MetricModel}). */
  static final long METRIC_SALT = 0x3E7B_1C5_0A11L;

  static final String[][] BREAK_GLASS_APPROVERS = {
    {}, {APPROVER_1}, {APPROVER_1, REQUESTER}, {GROUP_SRE}, {APPROVER_2, GROUP_SRE}, {OUTSIDER}
  };

  /** Each environment gets, one time in two, random break-glass approvers and approvals (1–2). */
  static TestWorld withBreakGlass(TestWorld w, Random r) {
    for (String env : ENVS) {
      String[] approvers = BREAK_GLASS_APPROVERS[r.nextInt(BREAK_GLASS_APPROVERS.length)];
      if (r.nextInt(3) != 0 && approvers.length > 0) {
        w = w.breakGlass(env, 1 + r.nextInt(2), approvers);
      }
    }
    return w;
  }

  static final String[] ZONES = {"Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata"};
  static final String[] DAYS = {"MON-FRI", "MON-THU", "SAT-SUN", "TUE,THU", "MON-SUN", "FRI"};

  /**
   * credreg, where each environment has, one time in three, a random weekly window (crossing
   * midnight sometimes) and, one in five, a blackout within the first days of the schedule.
   */
  static TestWorld world(boolean autoRollback, Random r) {
    TestWorld w = TestWorld.credreg().autoRollback(autoRollback);
    for (String env : ENVS) {
      if (r.nextInt(3) == 0) {
        int from = r.nextInt(24);
        int to = (from + 1 + r.nextInt(23)) % 24;
        w =
            w.window(
                env,
                DAYS[r.nextInt(DAYS.length)],
                String.format("%02d:%02d", from, r.nextInt(2) * 30),
                String.format("%02d:00", to),
                ZONES[r.nextInt(ZONES.length)]);
      }
      if (r.nextInt(5) == 0) {
        int day = 22 + r.nextInt(5);
        w =
            w.blackout(
                env,
                "2026-11-" + day + "T" + String.format("%02d:00", r.nextInt(24)),
                "2026-11-" + (day + 1 + r.nextInt(3)) + "T00:00",
                ZONES[r.nextInt(ZONES.length)],
                "random blackout");
      }
    }
    return w;
  }

  public static int schedules() {
    return Integer.getInteger("baton.invariants.schedules", 2000);
  }

  @Test
  void invariantsHoldOnTheInMemoryStore() {
    Long one = Long.getLong("baton.invariants.schedule-seed");
    if (one != null) {
      Schedule schedule = new Schedule(one, new InMemoryPipelineStore());
      try {
        schedule.run();
      } catch (AssertionError e) {
        StringBuilder audit = new StringBuilder();
        for (var ev : schedule.t.store.auditFrom(1, 100_000)) {
          audit
              .append(ev.seq())
              .append(' ')
              .append(ev.action())
              .append(' ')
              .append(ev.env())
              .append(' ')
              .append(ev.releaseTag())
              .append(' ')
              .append(ev.promotionId())
              .append(' ')
              .append(ev.detail())
              .append('\n');
        }
        throw new AssertionError(
            e.getMessage() + "\n" + String.join("\n", schedule.log) + "\n" + audit, e);
      }
      return;
    }
    long seed = Long.getLong("baton.invariants.seed", System.nanoTime());
    runSchedules(schedules(), seed, InMemoryPipelineStore::new);
  }

  /**
   * The same schedules with one environment promoted through Git (FakeManifestRepository as the
   * write target) and its stand-in controller syncing at once or at random moments, applying other
   * releases, with Git failing before the commit and crashing after the push (a quarter of the CI
   * count; {@code -Dbaton.invariants.schedule-seed=…} with {@code -Dbaton.invariants.gitops=true}
   * replays one).
   */
  @Test
  void invariantsHoldWithAGitOpsEnvironment() {
    Long one = Long.getLong("baton.invariants.schedule-seed");
    if (one != null && Boolean.getBoolean("baton.invariants.gitops")) {
      Schedule schedule = new Schedule(one, new InMemoryPipelineStore(), true);
      try {
        schedule.run();
      } catch (AssertionError e) {
        StringBuilder steps = new StringBuilder();
        for (Promotion p :
            schedule.t.store.read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING)))) {
          schedule.t.store.read(r -> r.steps(p.id())).forEach(x -> steps.append(x).append('\n'));
        }
        throw new AssertionError(
            e.getMessage() + "\n" + String.join("\n", schedule.log) + "\n" + steps, e);
      }
      return;
    }
    long seed = Long.getLong("baton.invariants.seed", System.nanoTime());
    runSchedules(Math.max(1, schedules() / 4), seed, InMemoryPipelineStore::new, true);
  }

  /** The GitOps schedules do commit, and do reach the sync timeout, so both paths are exercised. */
  @Test
  void theGitOpsSchedulesCommitAndReachTheSyncTimeout() {
    Random seeds = new Random(17);
    int commits = 0;
    long timedOut = 0;
    for (int i = 0; i < 200; i++) {
      Schedule schedule = new Schedule(seeds.nextLong(), new InMemoryPipelineStore(), true);
      schedule.run();
      commits += schedule.t.git.commits().size();
      timedOut +=
          schedule.t.store.read(r -> r.recentPromotions("credreg", 10_000)).stream()
              .filter(p -> p.reason() != null)
              .filter(p -> p.reason().contains("the GitOps controller did not apply"))
              .count();
    }
    assertThat(commits).isPositive();
    assertThat(timedOut).isPositive();
  }

  /** The schedules do reach break-glass starts past an obstacle, so the exception is exercised. */
  @Test
  void breakGlassPromotionsStartPastObstaclesInTheSchedules() {
    Random seeds = new Random(13);
    int overrides = 0;
    for (int i = 0; i < 200; i++) {
      Schedule schedule = new Schedule(seeds.nextLong(), new InMemoryPipelineStore());
      schedule.run();
      overrides += schedule.checker.breakGlassOverrides;
    }
    assertThat(overrides).isPositive();
  }

  /**
   * The metric schedules do start promotions out of metric-gated bakes, and post-deploy analyses do
   * fail and do pass with an inconclusive evaluation among them: each of the new invariants is put
   * to the test.
   */
  @Test
  void theMetricSchedulesReachEveryVerdict() {
    Random seeds = new Random(19);
    int[] seen = new int[3];
    for (int i = 0; i < 200; i++) {
      Schedule schedule = new Schedule(seeds.nextLong(), new InMemoryPipelineStore());
      schedule.run();
      seen[0] += schedule.checker.metricGatedStarts;
      seen[1] += schedule.checker.analysesFailed;
      seen[2] += schedule.checker.analysesPassedWithAnOutage;
    }
    assertThat(seen)
        .as("gated starts, analyses failed, analyses passed with an outage")
        .doesNotContain(0);
  }

  public static void runSchedules(int count, long seed, Supplier<PipelineStore> stores) {
    runSchedules(count, seed, stores, false);
  }

  /** {@code count} schedules; with {@code gitops}, one environment of each promotes through Git. */
  public static void runSchedules(
      int count, long seed, Supplier<PipelineStore> stores, boolean gitops) {
    Random seeds = new Random(seed);
    for (int i = 0; i < count; i++) {
      long s = seeds.nextLong();
      try {
        new Schedule(s, stores.get(), gitops).run();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "schedule "
                + i
                + (gitops ? " (GitOps)" : "")
                + " with seed "
                + s
                + " broke: "
                + e.getMessage(),
            e);
      }
    }
  }

  /** One random schedule. */
  static final class Schedule {
    final Random random;
    final TestPipeline t;
    final InvariantChecker checker;
    final List<String> log = new ArrayList<>();
    final Random breakGlass;
    int builds = 0;

    /** Each environment's metric analysis, if it drew one, and the fake Prometheus. */
    final MetricModel metrics;

    /** True when some environment has a metric analysis: time passes interval by interval. */
    final boolean measured;

    /** The GitOps environment and its controller's draws, or null when none is GitOps. */
    final GitOpsModel gitops;

    Schedule(long seed, PipelineStore store) {
      this(seed, store, false);
    }

    /**
     * @param gitops one environment (random) promotes through Git, with the stand-in controller
     *     syncing at once or at random moments, applying other releases, and Git faults
     */
    Schedule(long seed, PipelineStore store, boolean gitops) {
      this.random = new Random(seed);
      this.breakGlass = new Random(seed ^ BREAK_GLASS_SALT);
      this.metrics = new MetricModel(new Random(seed ^ METRIC_SALT), ENVS);
      Pipeline world =
          metrics.shape(
              withBreakGlass(
                      world(random.nextBoolean(), new Random(seed ^ WINDOW_SALT)), breakGlass)
                  .pipeline());
      this.gitops = gitops ? new GitOpsModel(new Random(seed ^ GITOPS_SALT)) : null;
      this.t = new TestPipeline(this.gitops == null ? world : this.gitops.shape(world), store);
      this.checker = new InvariantChecker(t);
      this.measured = metrics.measures();
      if (measured) {
        metrics.use(
            t.clock,
            () ->
                t.store.audit(dev.baton.pipeline.port.AuditQuery.latest(1)).stream()
                    .mapToLong(dev.baton.pipeline.model.AuditEvent::seq)
                    .findFirst()
                    .orElse(0));
        t.useMetrics(metrics);
        checker.metrics = metrics;
      }
      if (this.gitops != null) {
        t.git.sync(this.gitops.atOnce ? Sync.AT_ONCE : Sync.ON_DEMAND);
      }
    }

    /**
     * The GitOps controller of one environment, drawn from a stream of its own: it syncs what the
     * branch holds (at once, or when the schedule says), sometimes applies another registered
     * release instead, and Git fails before the commit or after the push.
     */
    final class GitOpsModel {
      final Random g;
      final String env;
      final boolean atOnce;
      final Duration syncTimeout;

      GitOpsModel(Random g) {
        this.g = g;
        this.env = ENVS[g.nextInt(ENVS.length)];
        this.atOnce = g.nextInt(3) == 0;
        this.syncTimeout = Duration.ofMinutes(1 + g.nextInt(30));
      }

      Pipeline shape(Pipeline p) {
        GitTarget git =
            new GitTarget(
                "https://git.example.com/deploy.git", "main", "apps/{app}/" + env, syncTimeout);
        return new Pipeline(
            p.environments().stream().map(e -> e.name().equals(env) ? e.withGit(git) : e).toList(),
            p.apps());
      }

      void step() {
        int op = g.nextInt(10);
        log.add("gitops op " + op + " at " + t.clock.instant());
        if (op < 4) {
          sync();
        } else if (op < 7) {
          // time passes through the wake-ups: the rollout wait looks at the cluster again
          t.advance(Duration.ofSeconds(1 + g.nextInt(g.nextBoolean() ? 30 : 900)));
          if (g.nextBoolean()) {
            sync();
          }
        } else if (op < 8) {
          somethingElse();
        } else {
          String point = (g.nextBoolean() ? "git.write " : "git.pushed ") + env;
          Faults.Action action = Faults.Action.values()[g.nextInt(3)];
          t.faults.inject(point, action, 1 + g.nextInt(2));
          log.add("fault " + point + " " + action);
        }
      }

      /** The controller applies what the branch holds; the hand-made drift is gone with it. */
      void sync() {
        var definition = t.pipeline.env(env).orElseThrow();
        var app = t.pipeline.app("credreg").orElseThrow();
        var held = t.git.held(definition, app);
        if (!held.isEmpty()) {
          t.git.sync(definition, app);
          log.add("gitops sync " + env);
        }
        if (held.size() == app.workloads().size()) {
          checker.drifted.remove(env); // every workload's image is the branch's again
        }
      }

      /** The controller applies another registered release than the branch holds. */
      void somethingElse() {
        var releases = t.store.read(r -> r.releases("credreg", 10_000));
        if (releases.isEmpty()) {
          return;
        }
        var r = releases.get(g.nextInt(releases.size()));
        for (var w : t.pipeline.app("credreg").orElseThrow().workloads()) {
          t.cluster.setByHand(env, w.name(), w.imageAt(r.digests().get(w.name())), true);
        }
        log.add("gitops applies " + r.tag() + " in " + env);
        String recorded = current(env);
        if (r.tag().equals(recorded)) {
          // what it applied is what the inventory records: any hand-made drift is gone with it
          checker.drifted.remove(env);
        }
      }
    }

    void run() {
      int steps = 20 + random.nextInt(40);
      for (int i = 0; i < steps; i++) {
        step();
        checker.checkAll(false);
      }
      settle();
      checker.checkAll(true);
      List<Promotion> running =
          t.store.read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING)));
      assertThat(running).as("nothing is left running once the schedule settles").isEmpty();
    }

    void step() {
      if (gitops != null && gitops.g.nextInt(3) == 0) {
        try {
          gitops.step();
        } catch (SimulatedCrash crash) {
          log.add("crash: " + crash.getMessage());
          t.restart();
        }
        return;
      }
      if (breakGlass.nextInt(4) == 0) {
        breakGlassStep();
        return;
      }
      Duration metricStep = measured ? metrics.stepNow() : null;
      if (metricStep != null) {
        log.add("metrics " + metrics.stretches() + ", " + metricStep + " at " + t.clock.instant());
        try {
          pass(metricStep);
        } catch (SimulatedCrash crash) {
          log.add("crash: " + crash.getMessage());
          t.restart();
        }
        return;
      }
      int op = random.nextInt(110);
      log.add("op " + op + " at " + t.clock.instant());
      try {
        if (op >= 100) {
          moreRollbacks(op - 100);
        } else if (op < 14) {
          register();
        } else if (op < 34) {
          t.core().promotions().request("credreg", pick(ENVS), null, pick(ACTORS));
        } else if (op < 54) {
          approveSome();
        } else if (op < 58) {
          openPromotion().ifPresent(p -> t.core().promotions().reject(p.id(), pick(ACTORS), "no"));
        } else if (op < 68) {
          pass(Duration.ofMinutes(1 + random.nextInt(random.nextBoolean() ? 90 : 1800)));
        } else if (op < 72) {
          t.core()
              .freezes()
              .freeze(
                  pick(ENVS),
                  random.nextBoolean() ? null : Duration.ofHours(2),
                  "test",
                  pick(ACTORS));
        } else if (op < 76) {
          t.core().freezes().unfreeze(pick(ENVS), pick(ACTORS));
        } else if (op < 81) {
          t.core()
              .rollbacks()
              .rollback(pick(ENVS), random.nextBoolean() ? null : "credreg", null, pick(ACTORS));
        } else if (op < 91) {
          Faults.Action action = Faults.Action.values()[random.nextInt(3)];
          String point = pick(FAULT_POINTS);
          t.faults.inject(point, action, 1 + random.nextInt(3));
          log.add("fault " + point + " " + action);
        } else if (op < 94) {
          drift();
        } else if (op < 97) {
          t.restart();
          t.core().sweeper().sweep();
        } else {
          t.failOverTo(t.instanceId().equals("replica-a") ? "replica-b" : "replica-a");
          t.clock.advance(t.leaseTtl.plusSeconds(1));
          t.core().sweeper().sweep();
        }
      } catch (Refusal expected) {
        log.add("refused: " + expected.getMessage());
      } catch (SimulatedCrash crash) {
        log.add("crash: " + crash.getMessage());
        t.restart();
      }
    }

    /**
     * A break-glass request by anyone, or an approval of an open one by anyone (the requester too).
     */
    void breakGlassStep() {
      String actor = ACTORS[breakGlass.nextInt(ACTORS.length)];
      log.add("break-glass by " + actor + " at " + t.clock.instant());
      try {
        if (breakGlass.nextBoolean()) {
          t.core()
              .promotions()
              .request(
                  "credreg",
                  ENVS[breakGlass.nextInt(ENVS.length)],
                  null,
                  actor,
                  BreakGlass.of("incident INC-" + breakGlass.nextInt(100), null));
        } else {
          openPromotion()
              .filter(Promotion::breaksGlass)
              .ifPresent(p -> t.core().promotions().approve(p.id(), breakGlassApprover(p, actor)));
        }
      } catch (Refusal expected) {
        log.add("refused: " + expected.getMessage());
      } catch (SimulatedCrash crash) {
        log.add("crash: " + crash.getMessage());
        t.restart();
      }
    }

    /**
     * Half the time one of the promotion's break-glass approvers (a group's member for a group).
     */
    String breakGlassApprover(Promotion p, String otherwise) {
      var listed = t.pipeline.env(p.env()).orElseThrow().policy().breakGlassApprovers();
      if (breakGlass.nextBoolean() || listed.isEmpty()) {
        return otherwise;
      }
      List<String> users = new ArrayList<>(new java.util.TreeSet<>(listed.users()));
      if (!listed.groups().isEmpty()) {
        users.add(GROUP_MEMBER);
      }
      return users.get(breakGlass.nextInt(users.size()));
    }

    void register() {
      int n = ++builds;
      if (random.nextInt(10) == 0) {
        // an image CI forgot to push: refused, nothing registered
        t.core()
            .builds()
            .register(
                new RegisterBuild(
                    "credreg",
                    Fixtures.tag(n),
                    "abcdef1",
                    null,
                    Map.of(
                        "main-app",
                        Fixtures.digest("never-pushed-" + n),
                        "worker-app",
                        Fixtures.digest("w" + n))),
                "ci");
        return;
      }
      t.registerBuild(n);
    }

    void approveSome() {
      var p = openPromotion();
      if (p.isEmpty()) {
        return;
      }
      String who = pick(ACTORS);
      int clicks = random.nextInt(4) == 0 ? 2 : 1; // double clicks
      for (int i = 0; i < clicks; i++) {
        try {
          t.core()
              .promotions()
              .approve(p.get().id(), random.nextInt(5) == 0 ? p.get().requester() : who);
        } catch (Refusal expected) {
          log.add("refused: " + expected.getMessage());
        }
      }
    }

    /** A Roll back button as a message drew it: the release it restores, what it showed running. */
    record Drawn(String env, String target, String shown) {}

    final List<Drawn> drawn = new ArrayList<>();

    /**
     * Rollbacks of rollbacks, named releases older and newer, and clicks on messages drawn earlier
     * (outdated by now, or carrying a newer release).
     */
    void moreRollbacks(int kind) {
      String env = pick(ENVS);
      String actor = random.nextInt(4) == 0 ? pick(ACTORS) : DEPLOYER;
      switch (kind) {
        case 0, 1 -> {
          t.core().rollbacks().rollback(env, null, null, actor);
          log.add("rolled back " + env + "; and again");
          t.core().rollbacks().rollback(env, null, null, actor);
        }
        case 2, 3 -> {
          if (builds > 0) {
            t.core()
                .rollbacks()
                .rollback(env, "credreg", Fixtures.tag(1 + random.nextInt(builds)), actor);
          }
        }
        case 4, 5 -> draw(env);
        default -> click(actor);
      }
    }

    /** Draws the Roll back button the core offers on a recent message of {@code env}, if any. */
    void draw(String env) {
      List<Promotion> recent =
          t.store.read(r -> r.recentPromotions("credreg", 20)).stream()
              .filter(p -> p.env().equals(env))
              .toList();
      if (recent.isEmpty()) {
        return;
      }
      Promotion p = recent.get(random.nextInt(recent.size()));
      var definition = t.pipeline.env(env).orElseThrow();
      boolean last = t.pipeline.indexOf(env) == t.pipeline.environments().size() - 1;
      t.store
          .read(r -> RollbackRules.offer(r, definition, last, p, t.clock.instant()))
          .ifPresent(o -> drawn.add(new Drawn(env, o.targetTag(), o.fromTag())));
      String runs = current(env);
      if (runs != null && builds > 0 && random.nextBoolean()) {
        // a button carrying any release: a newer one must be refused as a promotion
        drawn.add(new Drawn(env, Fixtures.tag(1 + random.nextInt(builds)), runs));
      }
    }

    void click(String actor) {
      if (drawn.isEmpty()) {
        return;
      }
      Drawn d = drawn.get(random.nextInt(drawn.size()));
      String runs = current(d.env());
      log.add("click " + d + " while " + d.env() + " runs " + runs);
      try {
        t.core().rollbacks().rollback(d.env(), "credreg", d.target(), d.shown(), actor);
        assertThat(runs)
            .as("a click is accepted only while its message is current")
            .isEqualTo(d.shown());
      } catch (RollbackDesk.Outdated outdated) {
        assertThat(runs).as("refused as outdated only when it is").isNotEqualTo(d.shown());
      }
    }

    String current(String env) {
      return Recorded.currentTag(t.store, env);
    }

    void drift() {
      String env = pick(ENVS);
      String workload = random.nextBoolean() ? "main-app" : "worker-app";
      if (t.cluster.imageOf(env, workload) == null) {
        return;
      }
      t.cluster.setByHand(env, workload, "credreg/" + workload + ":latest", true);
      log.add("drift " + env + " " + workload);
      checker.drifted.add(env);
    }

    Optional<Promotion> openPromotion() {
      List<Promotion> open =
          t.store.read(
              r ->
                  r.promotionsIn(
                      EnumSet.of(PromotionState.PENDING_APPROVAL, PromotionState.APPROVED)));
      return open.isEmpty() ? Optional.empty() : Optional.of(open.get(random.nextInt(open.size())));
    }

    /**
     * Time passes, then a sweep. With a metric analysis somewhere it passes in at most {@link
     * MetricModel#PASSES} stretches of at least the shortest interval, each through the wake-ups (a
     * post-deploy analysis waits for its next evaluation, a promotion for its bake) and then a pass
     * of the bake watcher: over a long while the watcher lags, as a busy replica's would, and
     * promotions out of a metric-gated source wait for the health to be known again.
     */
    void pass(Duration d) {
      if (!measured) {
        t.clock.advance(d);
        t.core().sweeper().sweep();
        return;
      }
      Duration interval = metrics.shortestInterval();
      Duration stretch = d.dividedBy(MetricModel.PASSES);
      Duration chunk = stretch.compareTo(interval) > 0 ? stretch : interval;
      Duration left = d;
      while (!left.isZero()) {
        Duration next = left.compareTo(chunk) < 0 ? left : chunk;
        t.advance(next);
        metrics.watch(t.core());
        left = left.minus(next);
      }
      t.core().sweeper().sweep();
    }

    /** No more faults; time passes; every runner resumes: the pipeline must come to rest. */
    void settle() {
      t.faults.clear();
      for (int i = 0; i < 3; i++) {
        if (gitops != null) {
          gitops.sync(); // the controller, mended, applies what the branch holds
        }
        try {
          pass(Duration.ofHours(30));
          if (gitops != null) {
            gitops.sync(); // what the sweep committed is applied; the wait's wake-up sees it
            t.advance(Duration.ofSeconds(2));
          }
        } catch (SimulatedCrash crash) {
          t.restart();
        }
      }
      // a post-deploy analysis started by the last sweep takes its evaluations to the end
      for (int i = 0; measured && i < 8 && running(); i++) {
        pass(metrics.longestInterval());
      }
    }

    boolean running() {
      return !t.store.read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING))).isEmpty();
    }

    <T> T pick(T[] options) {
      return options[random.nextInt(options.length)];
    }
  }
}
