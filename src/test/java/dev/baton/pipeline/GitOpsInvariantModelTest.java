package dev.baton.pipeline;

import static dev.baton.fakes.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeManifestRepository.Commit;
import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.Faults;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model-based invariant test on GitOps environments: credreg with random deployment windows, a
 * random non-empty subset of its environments applied from Git (the write target is {@link
 * dev.baton.fakes.FakeManifestRepository}, its stand-in controller syncing at once, on demand at
 * random moments, or never, and now and then applying something else), random schedules of
 * registrations, requests, approvals, time, freezes, rollbacks, Git faults (a refused write, a
 * crash between push and record, an unreadable branch head), cluster faults, restarts and
 * fail-overs. After every step DESIGN §3's invariants ({@link InvariantChecker}) and the GitOps
 * ones:
 *
 * <ul>
 *   <li>Git is the write target: Baton never sets an image of a GitOps environment in the cluster;
 *   <li>a promotion makes at most one commit of its release and at most one restoring commit, also
 *       across crashes between push and record;
 *   <li>what the inventory records in a GitOps environment was committed to its branch by Baton.
 * </ul>
 *
 * The schedule count is {@code baton.invariants.schedules} / 4 (CI: 500).
 */
class GitOpsInvariantModelTest {
  static final String[] ENVS = InvariantModelTest.ENVS;
  static final String[] ACTORS = InvariantModelTest.ACTORS;
  static final String[] FAULT_POINTS = {
    "registry.exists", "registry.tag", "cluster.awaitRollout", "cluster.running", "smoke"
  };
  static final String[] GIT_POINTS = {"git.write", "git.pushed", "git.head"};
  static final Pattern PROMOTION = Pattern.compile("Baton-Promotion: (\\S+)");
  static final Pattern RELEASE = Pattern.compile("Baton-Release: (\\S+)");

  static int schedules() {
    return Math.max(25, InvariantModelTest.schedules() / 4);
  }

  @Test
  void invariantsHoldWithGitAsTheWriteTarget() {
    Long one = Long.getLong("baton.invariants.schedule-seed");
    if (one != null) {
      Schedule s = new Schedule(one);
      try {
        s.run();
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + String.join("\n", s.log), e);
      }
      return;
    }
    long seed = Long.getLong("baton.invariants.seed", System.nanoTime());
    Random seeds = new Random(seed);
    int commits = 0;
    int resumedWithoutCommit = 0;
    for (int i = 0; i < schedules(); i++) {
      long s = seeds.nextLong();
      Schedule schedule = new Schedule(s);
      try {
        schedule.run();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "GitOps schedule "
                + i
                + " with seed "
                + s
                + " (master seed "
                + seed
                + ") broke: "
                + e.getMessage()
                + "\n"
                + String.join("\n", schedule.log),
            e);
      }
      commits += schedule.t.git.commits().size();
      resumedWithoutCommit += schedule.crashesAfterPush;
    }
    // the schedules do reach the GitOps paths: commits, and crashes between push and record
    assertThat(commits).isPositive();
    assertThat(resumedWithoutCommit).isPositive();
  }

  /** One random schedule. */
  static final class Schedule {
    final Random random;
    final TestPipeline t;
    final InvariantChecker checker;
    final Set<String> gitops = new HashSet<>();
    final List<String> log = new ArrayList<>();
    int builds = 0;
    int crashesAfterPush = 0;

    Schedule(long seed) {
      random = new Random(seed);
      Pipeline base = InvariantModelTest.world(random.nextBoolean(), random).pipeline();
      for (String env : ENVS) {
        if (random.nextInt(2) == 0) {
          gitops.add(env);
        }
      }
      if (gitops.isEmpty()) {
        gitops.add(ENVS[random.nextInt(ENVS.length)]);
      }
      Pipeline p =
          new Pipeline(
              base.environments().stream()
                  .map(e -> gitops.contains(e.name()) ? e.withGit(git(e.name())) : e)
                  .toList(),
              base.apps());
      t = new TestPipeline(p, new InMemoryPipelineStore());
      checker = new InvariantChecker(t);
      log.add("GitOps environments: " + gitops);
    }

    static GitTarget git(String env) {
      return new GitTarget(
          "https://git.example.com/deploy.git", "main", "apps/{app}/" + env, Duration.ofMinutes(5));
    }

    void run() {
      int steps = 20 + random.nextInt(40);
      for (int i = 0; i < steps; i++) {
        step();
        checkAll(false);
      }
      settle();
      checkAll(true);
      List<Promotion> running =
          t.store.read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING)));
      assertThat(running).as("nothing is left running once the schedule settles").isEmpty();
    }

    void checkAll(boolean quiescent) {
      checker.checkAll(quiescent);
      checkGitIsTheWriteTarget();
      checkOneCommitPerPromotionAndRelease();
      checkRecordedWasCommitted();
    }

    void step() {
      int op = random.nextInt(100);
      log.add("op " + op + " at " + t.clock.instant());
      try {
        if (op < 14) {
          register();
        } else if (op < 32) {
          t.core().promotions().request("credreg", pick(ENVS), null, pick(ACTORS));
        } else if (op < 50) {
          approveSome();
        } else if (op < 62) {
          t.clock.advance(Duration.ofMinutes(1 + random.nextInt(random.nextBoolean() ? 10 : 600)));
          t.core().sweeper().sweep();
        } else if (op < 66) {
          t.core().freezes().freeze(pick(ENVS), Duration.ofHours(1), "test", pick(ACTORS));
        } else if (op < 69) {
          t.core().freezes().unfreeze(pick(ENVS), pick(ACTORS));
        } else if (op < 74) {
          t.core()
              .rollbacks()
              .rollback(pick(ENVS), random.nextBoolean() ? null : "credreg", null, pick(ACTORS));
        } else if (op < 78) {
          controller();
        } else if (op < 80) {
          misapply();
        } else if (op < 86) {
          syncSome();
        } else if (op < 90) {
          fault();
        } else if (op < 94) {
          gitFault();
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
        if (crash.getMessage() != null && crash.getMessage().contains("git.pushed")) {
          crashesAfterPush++;
        }
        t.restart();
      }
    }

    /** The controller changes how it behaves: mostly in time, sometimes late, or never. */
    void controller() {
      int r = random.nextInt(10);
      Sync mode = r < 5 ? Sync.AT_ONCE : r < 9 ? Sync.ON_DEMAND : Sync.NEVER;
      t.git.sync(mode);
      log.add("controller " + mode);
    }

    /** The controller applies something other than what Git holds to one workload. */
    void misapply() {
      String env = pick(gitops.toArray(String[]::new));
      String workload = random.nextBoolean() ? "main-app" : "worker-app";
      if (t.cluster.imageOf(env, workload) == null) {
        return;
      }
      t.cluster.setByHand(env, workload, "credreg/" + workload + ":other", true);
      log.add("controller applied something else to " + env + " " + workload);
      checker.drifted.add(env);
    }

    /** The controller's next round in one GitOps environment (after a random delay). */
    void syncSome() {
      String env = pick(gitops.toArray(String[]::new));
      t.clock.advance(Duration.ofSeconds(random.nextInt(400)));
      applyGit(env);
      log.add("synced " + env);
      t.core().sweeper().sweep();
    }

    /**
     * The controller applies the branch: the cluster runs what Git holds, drifted exactly when that
     * is not what the inventory records (a commit not recorded yet, a restore that did not reach
     * Git).
     */
    void applyGit(String env) {
      t.git.sync(t.pipeline.env(env).orElseThrow(), app());
      if (runsWhatTheInventoryRecords(env)) {
        checker.drifted.remove(env);
      } else {
        checker.drifted.add(env);
      }
    }

    boolean runsWhatTheInventoryRecords(String env) {
      Optional<Deployment> d = t.store.read(r -> r.currentDeployment("credreg", env));
      if (d.isEmpty()) {
        return app().workloads().stream().allMatch(w -> t.cluster.imageOf(env, w.name()) == null);
      }
      Release release = t.store.read(r -> r.release("credreg", d.get().releaseTag())).orElseThrow();
      return app().workloads().stream()
          .allMatch(
              w ->
                  w.imageAt(release.digests().get(w.name()))
                      .equals(t.cluster.imageOf(env, w.name())));
    }

    void fault() {
      String point = pick(FAULT_POINTS);
      Faults.Action action = Faults.Action.values()[random.nextInt(3)];
      t.faults.inject(point, action, 1 + random.nextInt(2));
      log.add("fault " + point + " " + action);
    }

    /** A refused or failed write, a crash between push and record, an unreadable branch head. */
    void gitFault() {
      String point = pick(GIT_POINTS) + " " + pick(gitops.toArray(String[]::new));
      Faults.Action action =
          random.nextBoolean() ? Faults.Action.CRASH : Faults.Action.values()[random.nextInt(2)];
      t.faults.inject(point, action, 1 + random.nextInt(2));
      log.add("fault " + point + " " + action);
    }

    void register() {
      t.registerBuild(++builds);
    }

    void approveSome() {
      List<Promotion> open =
          t.store.read(
              r ->
                  r.promotionsIn(
                      EnumSet.of(PromotionState.PENDING_APPROVAL, PromotionState.APPROVED)));
      if (open.isEmpty()) {
        return;
      }
      Promotion p = open.get(random.nextInt(open.size()));
      int clicks = random.nextInt(4) == 0 ? 2 : 1;
      for (int i = 0; i < clicks; i++) {
        try {
          t.core().promotions().approve(p.id(), pick(ACTORS));
        } catch (Refusal expected) {
          log.add("refused: " + expected.getMessage());
        }
      }
    }

    /** No more faults; the controller catches up; time passes; every runner resumes. */
    void settle() {
      t.faults.clear();
      if (random.nextBoolean()) {
        t.git.sync(Sync.AT_ONCE);
        gitops.forEach(this::applyGit);
        log.add("settle: the controller catches up");
      }
      // A GitOps promotion may wait twice for the controller (its release, then the restore):
      // time passes in rounds until nothing runs, as a day of sweeps would do
      for (int i = 0; i < 30; i++) {
        t.clock.advance(i < 3 ? Duration.ofHours(30) : Duration.ofMinutes(10));
        try {
          t.core().sweeper().sweep();
        } catch (SimulatedCrash crash) {
          t.restart();
        }
        if (i >= 2
            && t.store.read(r -> r.promotionsIn(EnumSet.of(PromotionState.RUNNING))).isEmpty()) {
          return;
        }
      }
    }

    // ---- the GitOps invariants ----

    /** Baton writes a GitOps environment only through Git, never with a patch of its cluster. */
    void checkGitIsTheWriteTarget() {
      for (String call : t.faults.calls()) {
        for (String env : gitops) {
          assertThat(call)
              .as("Git is the write target of %s: no image set in its cluster", env)
              .doesNotStartWith("cluster.setImage " + env + " ");
        }
      }
    }

    /**
     * One commit of its release per promotion, and at most one restoring commit (the auto-rollback
     * of its own failure): a crash between push and record resumes without a second commit.
     */
    void checkOneCommitPerPromotionAndRelease() {
      Map<String, Integer> perPromotionAndRelease = new HashMap<>();
      for (Commit c : t.git.commits()) {
        String promotion = trailer(PROMOTION, c.message());
        if (promotion == null) {
          continue; // by hand
        }
        String key = promotion + " " + trailer(RELEASE, c.message());
        perPromotionAndRelease.merge(key, 1, Integer::sum);
        assertThat(perPromotionAndRelease.get(key))
            .as("one commit per promotion and release: %s", key)
            .isEqualTo(1);
      }
      Map<String, Integer> perPromotion = new HashMap<>();
      perPromotionAndRelease
          .keySet()
          .forEach(k -> perPromotion.merge(k.split(" ")[0], 1, Integer::sum));
      perPromotion.forEach(
          (id, n) ->
              assertThat(n)
                  .as("a promotion commits its release and at most a restore: %s", id)
                  .isLessThanOrEqualTo(2));
    }

    /** What the inventory records in a GitOps environment was committed there by Baton. */
    void checkRecordedWasCommitted() {
      for (String env : gitops) {
        Optional<Deployment> d = t.store.read(r -> r.currentDeployment("credreg", env));
        if (d.isEmpty()) {
          continue;
        }
        Release release =
            t.store.read(r -> r.release("credreg", d.get().releaseTag())).orElseThrow();
        Map<String, String> want = new HashMap<>();
        for (Workload w : app().workloads()) {
          want.put(w.name(), w.imageAt(release.digests().get(w.name())));
        }
        boolean committed =
            t.git.commits().stream()
                .anyMatch(
                    c ->
                        c.env().equals(env)
                            && trailer(PROMOTION, c.message()) != null
                            && c.images().entrySet().containsAll(want.entrySet()));
        assertThat(committed)
            .as("%s records %s, which Baton committed to its branch", env, release.tag())
            .isTrue();
      }
    }

    static String trailer(Pattern p, String message) {
      Matcher m = p.matcher(message);
      return m.find() ? m.group(1) : null;
    }

    AppDefinition app() {
      return t.pipeline.app("credreg").orElseThrow();
    }

    <T> T pick(T[] options) {
      return options[random.nextInt(options.length)];
    }
  }
}
