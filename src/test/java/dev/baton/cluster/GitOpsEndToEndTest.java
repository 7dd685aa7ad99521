package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.baton.cluster.StandInGitOpsController.Mode;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.LogCapture;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.gitops.GitSeams;
import dev.baton.gitops.JGitManifestRepository;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Freeze;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.port.ManifestRepository;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.registry.TestServices;
import dev.baton.slack.blocks.PromotionCard;
import dev.baton.slack.blocks.StepLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps end to end: prod promoted by a commit on the real Git server of {@code
 * scripts/test-services.sh}, applied to fabric8's mock API server by the stand-in GitOps
 * controller, the rollout completed by the fake Deployment controller — and every failure of a
 * GitOps environment, each with what the thread says, what the audit log holds and nothing
 * half-done.
 */
@Timeout(120)
class GitOpsEndToEndTest {
  static final String URL = TestServices.lookup("BATON_TEST_GIT_HTTP_URL");
  static final String TOKEN = TestServices.lookup("BATON_TEST_GIT_TOKEN");
  static final String ROOT = TestServices.lookup("BATON_TEST_GIT_ROOT");
  static final String MAIN_1 = "credreg/main-app@" + Fixtures.digest("main-1");
  static final String WORKER_1 = "credreg/worker-app@" + Fixtures.digest("worker-1");
  static final String MAIN_2 = "credreg/main-app@" + Fixtures.digest("main-2");
  static final String WORKER_2 = "credreg/worker-app@" + Fixtures.digest("worker-2");

  @TempDir Path dir;
  GitOpsOnMockCluster g;
  PipelineCore core;

  @BeforeEach
  void setUp() throws Exception {
    TestServices.assumeSet(URL, "BATON_TEST_GIT_HTTP_URL");
    g = new GitOpsOnMockCluster(dir, URL, TOKEN, ROOT, GitOpsOnMockCluster.SEED);
    core = g.core("replica-a", g.repository(TOKEN));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (g != null) {
      g.close();
    }
  }

  @Test
  void aPromotionIsOneCommitWithTrailersThatTheControllerAppliesAndBatonRecords() throws Exception {
    String b1 = g.registerBuild(core, 1);
    assertThat(g.current("test")).isEqualTo(b1);
    var seeded = g.head();

    Promotion p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(1));

    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    List<RevCommit> log = g.log();
    assertThat(log).hasSize(2);
    RevCommit commit = log.get(0);
    assertThat(commit.getParent(0)).isEqualTo(seeded);
    assertThat(commit.getFullMessage())
        .startsWith("credreg: " + b1 + " to prod (promotion)")
        .contains("requested by " + Fixtures.DEPLOYER)
        .contains("approved by " + Fixtures.APPROVER_1 + ", " + Fixtures.APPROVER_2)
        .endsWith("Baton-Promotion: " + p.id() + "\nBaton-Release: " + b1 + "\n")
        .doesNotContain(TOKEN);
    assertThat(g.fileAtHead(GitOpsOnMockCluster.FILE))
        .as("only the image lines changed")
        .isEqualTo(
            GitOpsOnMockCluster.SEED
                .replace(
                    "    newTag: bootstrap\n", "    digest: " + Fixtures.digest("main-1") + "\n")
                .replace(
                    "    newTag: \"bootstrap\"\n",
                    "    digest: " + Fixtures.digest("worker-1") + "\n"));
    assertThat(g.controller.applied()).last().extracting(a -> a.commit()).isEqualTo(commit.name());
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_1);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_1);
    assertThat(g.current("prod")).isEqualTo(b1);
    assertThat(g.chatAbout(p.id()))
        .contains("SET_IMAGES: committed " + commit.name().substring(0, 12));
    assertThat(g.audit(p.id())).extracting(AuditEvent::action).contains("promotion.succeeded");
  }

  /** Prod runs build 1, promoted through Git; build 2 is in test. */
  private void prodOnBuild1ThenBuild2InTest() throws Exception {
    g.registerBuild(core, 1);
    Promotion first = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(1));
    assertThat(first.state())
        .as(String.valueOf(first.reason()))
        .isEqualTo(PromotionState.SUCCEEDED);
    g.registerBuild(core, 2);
  }

  /** Inventory, Deployments and the branch all name build 1. */
  private void prodStillRunsBuild1() throws Exception {
    assertThat(g.current("prod")).isEqualTo(Fixtures.tag(1));
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_1);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_1);
    assertThat(g.fileAtHead(GitOpsOnMockCluster.FILE))
        .contains("digest: " + Fixtures.digest("main-1"))
        .doesNotContain(Fixtures.digest("main-2"));
    assertThat(core.queries().verifyAuditChain().valid()).isTrue();
  }

  private StepRecord lastStep(Promotion p) {
    List<StepRecord> steps = g.store.read(r -> r.steps(p.id()));
    return steps.get(steps.size() - 1);
  }

  private List<String> auditOf(Promotion p) {
    return g.audit(p.id()).stream().map(a -> a.action() + " " + a.detail()).toList();
  }

  @Test
  void aRefusedTokenFailsThePromotionWithNothingPushedAndNoSecretShown() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    var head = g.head();
    String revoked = "revoked-" + TOKEN;
    core = g.restart(g.repository(revoked));

    Promotion p;
    List<String> logged;
    try (LogCapture logs = LogCapture.attach(Level.DEBUG)) {
      p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(5));
      logged = logs.lines().stream().map(LogCapture.Line::text).toList();
    }

    String refused =
        "Git refused the credentials for "
            + g.gitUrl
            + ": not authorized; nothing was pushed: main is unchanged";
    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason()).isEqualTo("set images failed: " + refused);
    assertThat(g.chatAbout(p.id()))
        .contains("SET_IMAGES: failed: " + refused)
        .contains("FAILED: ")
        .doesNotContain(TOKEN);
    assertThat(auditOf(p))
        .contains("step.failed SET_IMAGES: " + refused)
        .anyMatch(a -> a.startsWith("promotion.failed set images failed: " + refused))
        .noneMatch(a -> a.contains(TOKEN));
    assertThat(g.head()).as("nothing pushed").isEqualTo(head);
    assertThat(g.log()).extracting(RevCommit::getFullMessage).noneMatch(m -> m.contains(TOKEN));
    assertThat(logged).as("the log").isNotEmpty().noneMatch(line -> line.contains(TOKEN));
    prodStillRunsBuild1();
  }

  @Test
  void aPushRefusedByTheServersHookIsABranchProtectedFailureWithNothingPushed() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    var head = g.head();
    g.protectBranch();

    Promotion p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(5));

    String refused =
        "branch protected: "
            + g.gitUrl
            + " refused the push to main: pre-receive hook declined — branch is protected:"
            + " pushes go through review; nothing was pushed: main is unchanged";
    // nothing was pushed, so there is nothing to roll back (and no freeze after a rollback)
    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason()).isEqualTo("set images failed: " + refused);
    assertThat(g.chatAbout(p.id()))
        .contains("SET_IMAGES: failed: " + refused)
        .contains("FAILED: ")
        .doesNotContain("ROLLBACK_SET_IMAGES");
    assertThat(auditOf(p))
        .contains("step.failed SET_IMAGES: " + refused)
        .contains("promotion.failed set images failed: " + refused)
        .noneMatch(a -> a.contains("ROLLBACK_SET_IMAGES") || a.startsWith("env.frozen"));
    Optional<Freeze> freeze = g.store.read(r -> r.freeze("prod"));
    assertThat(freeze).as("prod is not frozen").isEmpty();
    assertThat(g.head()).as("nothing pushed").isEqualTo(head);
    prodStillRunsBuild1();
  }

  @Test
  void aMissingImageEntryIsRefusedBeforeAnyCommit() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    String renamed =
        g.fileAtHead(GitOpsOnMockCluster.FILE).replace("credreg/worker-app", "credreg/renamed");
    g.commitByHand(GitOpsOnMockCluster.FILE, renamed, "rename the worker's image entry");
    var head = g.head();

    Promotion p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(5));

    String refused =
        GitOpsOnMockCluster.FILE
            + ": no entry named credreg/worker-app under images: (in "
            + g.gitUrl
            + " main); nothing was pushed: main is unchanged";
    assertThat(p.state()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason()).isEqualTo("set images failed: " + refused);
    assertThat(g.chatAbout(p.id())).contains("SET_IMAGES: failed: " + refused);
    assertThat(auditOf(p))
        .contains("step.failed SET_IMAGES: " + refused)
        .anyMatch(a -> a.startsWith("promotion.failed set images failed: " + refused));
    assertThat(g.head()).as("nothing pushed").isEqualTo(head);
    assertThat(g.fileAtHead(GitOpsOnMockCluster.FILE)).isEqualTo(renamed);
    assertThat(g.current("prod")).isEqualTo(Fixtures.tag(1));
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_1);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_1);
  }

  @Test
  void aControllerThatNeverSyncsFailsAtTheTimeoutAndTheRollbackIsANewCommit() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    String build1File = g.fileAtHead(GitOpsOnMockCluster.FILE);
    g.controller.mode(Mode.NEVER);

    Promotion p = g.runUntilEnded(g.promoteToProd(core).id(), Duration.ofMinutes(5));

    String tag2 = Fixtures.tag(2);
    String timedOut =
        "the GitOps controller did not apply "
            + tag2
            + " within the sync timeout of 2m: Git holds main-app "
            + tag2
            + ", worker-app "
            + tag2
            + "; the cluster: main-app runs "
            + Fixtures.tag(1)
            + ", worker-app runs "
            + Fixtures.tag(1);
    assertThat(p.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason()).isEqualTo("await rollout failed: " + timedOut);
    assertThat(g.chatAbout(p.id()))
        .contains(
            "AWAIT_ROLLOUT: waiting for the GitOps controller to apply "
                + tag2
                + " from "
                + g.gitUrl
                + " main:apps/credreg/prod (pushed 1s ago; gives up in 1m 59s): main-app runs "
                + Fixtures.tag(1))
        .contains("AWAIT_ROLLOUT: failed: " + timedOut)
        .contains("ROLLED_BACK: ");
    StepRecord failed =
        g.store.read(r -> r.steps(p.id())).stream()
            .filter(r -> r.step() == Step.AWAIT_ROLLOUT && r.status() == StepRecord.Status.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(
            StepLines.line(
                new PromotionCard.StepLine(failed.step(), failed.status(), failed.detail()), null))
        .as("the release thread's rollout line")
        .isEqualTo("❌ rollout — " + timedOut);
    assertThat(auditOf(p))
        .contains("step.failed AWAIT_ROLLOUT: " + timedOut)
        .anyMatch(a -> a.startsWith("step.succeeded ROLLBACK_SET_IMAGES: committed "))
        .contains("promotion.rolled_back await rollout failed: " + timedOut);
    List<RevCommit> log = g.log();
    assertThat(log).hasSize(4); // seed, build 1, build 2, the auto-rollback
    RevCommit rollback = log.get(0);
    assertThat(rollback.getParent(0))
        .as("a new commit on top, never a revert")
        .isEqualTo(log.get(1));
    assertThat(rollback.getFullMessage())
        .startsWith("credreg: " + Fixtures.tag(1) + " to prod (auto-rollback)")
        .endsWith("Baton-Promotion: " + p.id() + "\nBaton-Release: " + Fixtures.tag(1) + "\n");
    assertThat(g.fileAtHead(GitOpsOnMockCluster.FILE)).isEqualTo(build1File);
    prodStillRunsBuild1();
  }

  @Test
  void aControllerThatAppliesSomethingElseFailsAtTheTimeout() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    g.controller.mode(Mode.SOMETHING_ELSE);

    Promotion p = g.promoteToProd(core);
    p =
        g.runUntil(
            p.id(),
            x -> x.step() == Step.ROLLBACK_AWAIT_ROLLOUT || x.state().terminal(),
            Duration.ofMinutes(5));
    assertThat(p.reason())
        .startsWith("await rollout failed: the GitOps controller did not apply " + Fixtures.tag(2))
        .contains(
            "the cluster: main-app runs credreg/main-app:other,"
                + " worker-app runs credreg/worker-app:other");
    g.controller.mode(Mode.SYNC); // the controller is mended: it applies the rollback commit
    p = g.runUntilEnded(p.id(), Duration.ofMinutes(2));

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(g.chatAbout(p.id())).contains("runs credreg/main-app:other");
    assertThat(auditOf(p))
        .anyMatch(a -> a.startsWith("step.failed AWAIT_ROLLOUT: the GitOps controller did not"))
        .anyMatch(a -> a.startsWith("promotion.rolled_back await rollout failed: "));
    assertThat(g.log()).hasSize(4);
    prodStillRunsBuild1();
  }

  @Test
  void aControllerThatAppliesLateWithinTheTimeoutIsWaitedFor() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    g.controller.delay(Duration.ofSeconds(90));
    Promotion asked = g.promoteToProd(core);

    g.runUntil(
        asked.id(), x -> lastStep(x).status() == StepRecord.Status.RETRYING, Duration.ofMinutes(1));
    StepRecord waiting = lastStep(asked);
    assertThat(
            StepLines.line(
                new PromotionCard.StepLine(waiting.step(), waiting.status(), waiting.detail()),
                null))
        .as("the release thread's rollout line while Baton waits for the controller")
        .startsWith(
            "🔁 rollout — waiting for the GitOps controller to apply "
                + Fixtures.tag(2)
                + " from "
                + g.gitUrl
                + " main:apps/credreg/prod (pushed ")
        .contains(" ago; gives up in ")
        .endsWith("main-app runs " + Fixtures.tag(1) + ", worker-app runs " + Fixtures.tag(1));
    Promotion p = g.runUntilEnded(asked.id(), Duration.ofMinutes(5));

    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(g.chatAbout(p.id()))
        .contains("AWAIT_ROLLOUT: waiting for the GitOps controller to apply " + Fixtures.tag(2))
        .contains("AWAIT_ROLLOUT: rollout complete for 2 workloads");
    assertThat(auditOf(p)).anyMatch(a -> a.startsWith("promotion.succeeded"));
    assertThat(g.log()).hasSize(3);
    assertThat(g.current("prod")).isEqualTo(Fixtures.tag(2));
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_2);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_2);
  }

  @Test
  void aRunnerKilledBetweenCommitAndPushIsTakenOverWithExactlyOneCommit() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    AtomicBoolean dies = new AtomicBoolean(true);
    core =
        g.restart(
            GitSeams.beforePush(
                g.repository(TOKEN),
                () -> {
                  if (dies.getAndSet(false)) {
                    throw new SimulatedCrash("between commit and push");
                  }
                }));

    Promotion p = diesIn(() -> g.promoteToProd(core));

    assertThat(p.step()).isEqualTo(Step.SET_IMAGES);
    assertThat(g.log()).as("seed and build 1: the commit died with the process").hasSize(2);
    resumedToTheEndByAnotherReplica(p);
  }

  @Test
  void aRunnerKilledBetweenPushAndRecordIsTakenOverWithoutASecondCommit() throws Exception {
    prodOnBuild1ThenBuild2InTest();
    JGitManifestRepository real = g.repository(TOKEN);
    AtomicBoolean dies = new AtomicBoolean(true);
    core =
        g.restart(
            new ManifestRepository() {
              @Override
              public Pushed write(EnvironmentDefinition env, AppDefinition app, GitChange change) {
                Pushed pushed = real.write(env, app, change);
                if (dies.getAndSet(false)) {
                  throw new SimulatedCrash("between push and record");
                }
                return pushed;
              }

              @Override
              public Map<String, String> held(EnvironmentDefinition env, AppDefinition app) {
                return real.held(env, app);
              }
            });

    Promotion p = diesIn(() -> g.promoteToProd(core));

    assertThat(p.step()).isEqualTo(Step.SET_IMAGES);
    assertThat(g.log()).as("pushed, not recorded").hasSize(3);
    resumedToTheEndByAnotherReplica(p);
  }

  /** The promotion whose runner died (in the request's thread) during {@code clicks}. */
  private Promotion diesIn(Runnable clicks) {
    assertThatThrownBy(clicks::run).isInstanceOf(SimulatedCrash.class);
    Promotion p = g.store.read(r -> r.recentPromotions("credreg", 1)).get(0);
    assertThat(p.state()).isEqualTo(PromotionState.RUNNING);
    return p;
  }

  /**
   * Replica-a is dead; replica-b takes the promotion over once its lease ran out and runs it to the
   * end: one commit for it on the branch, applied, recorded, the takeover in the audit log.
   */
  private void resumedToTheEndByAnotherReplica(Promotion died) throws Exception {
    g.stopAll();
    PipelineCore other = g.core("replica-b", g.repository(TOKEN));

    Promotion p = g.runUntilEnded(died.id(), Duration.ofMinutes(3));

    assertThat(p.state()).as(String.valueOf(p.reason())).isEqualTo(PromotionState.SUCCEEDED);
    List<RevCommit> log = g.log();
    assertThat(log)
        .filteredOn(c -> c.getFullMessage().contains("Baton-Promotion: " + p.id() + "\n"))
        .as("exactly one commit for the promotion")
        .hasSize(1);
    assertThat(log).hasSize(3);
    assertThat(g.current("prod")).isEqualTo(Fixtures.tag(2));
    assertThat(g.imageIn("prod", "main-app", "app")).isEqualTo(MAIN_2);
    assertThat(g.imageIn("prod", "worker-app", "worker")).isEqualTo(WORKER_2);
    assertThat(auditOf(p)).anyMatch(a -> a.startsWith("promotion.resumed"));
    assertThat(g.chat.events())
        .anyMatch(
            e ->
                e instanceof PipelineEvent.PromotionResumed r && r.promotion().id().equals(p.id()));
    assertThat(other.queries().verifyAuditChain().valid()).isTrue();
  }
}
