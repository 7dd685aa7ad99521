package dev.baton.pipeline;

import static dev.baton.testing.Recorded.auditActions;
import static dev.baton.testing.Recorded.currentTag;
import static dev.baton.testing.Recorded.latestPromotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.FakeManifestRepository.Sync;
import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.SimulatedCrash;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import dev.baton.pipeline.port.PipelineEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first environment (test) promoted through Git: the digests are one commit, the stand-in
 * controller applies them, and the rollout is awaited; a controller that never applies fails the
 * promotion at the sync timeout and the auto-rollback is a new commit of the previous digests.
 */
class GitOpsFlowTest {
  static final GitTarget GIT =
      new GitTarget(
          "https://git.example.com/deploy.git", "main", "apps/{app}/test", Duration.ofMinutes(5));

  static Pipeline gitopsTest() {
    Pipeline p = Fixtures.credreg();
    return new Pipeline(
        p.environments().stream().map(e -> e.name().equals("test") ? e.withGit(GIT) : e).toList(),
        p.apps());
  }

  TestPipeline t = new TestPipeline(gitopsTest(), new InMemoryPipelineStore());

  @Test
  void aBuildIsOneCommitWithTrailersAndIsRecordedOnceTheClusterRunsIt() {
    String b1 = t.registerBuild(1);

    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    assertThat(t.git.commits()).hasSize(1);
    var commit = t.git.commits().get(0);
    Promotion p = latestPromotion(t.store);
    assertThat(commit.message())
        .startsWith("credreg: " + b1 + " to test")
        .contains("promotion " + p.id())
        .contains("requested by ")
        .endsWith("Baton-Promotion: " + p.id() + "\nBaton-Release: " + b1 + "\n");
    assertThat(commit.images())
        .containsEntry("main-app", "credreg/main-app@" + Fixtures.digest("main-1"))
        .containsEntry("worker-app", "credreg/worker-app@" + Fixtures.digest("worker-1"));
    assertThat(t.cluster.faults().calls()).noneMatch(c -> c.startsWith("cluster.setImage"));
  }

  @Test
  void aControllerThatAppliesLaterIsWaitedFor() {
    t.git.sync(Sync.ON_DEMAND);
    String b1 = t.registerBuild(1);
    Promotion p = latestPromotion(t.store);
    assertThat(p.state()).isEqualTo(PromotionState.RUNNING);

    t.advance(Duration.ofMinutes(2));
    assertThat(currentTag(t.store, "test")).as("still waiting for the controller").isNull();
    t.git.sync(t.pipeline.env("test").orElseThrow(), t.pipeline.app("credreg").orElseThrow());
    t.advance(Duration.ofSeconds(1));

    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    assertThat(t.git.commits()).hasSize(1);
  }

  @Test
  void twoMinutesOfLookingForTheControllerAreOneRecordedWaitNotOnePerLook() {
    t.git.sync(Sync.ON_DEMAND);
    String b1 = t.registerBuild(1);
    Promotion p = latestPromotion(t.store);
    int before = looks();
    for (int s = 0; s < 120; s++) {
      t.advance(Duration.ofSeconds(1));
    }
    assertThat(looks() - before).as("the cluster was read about once a second").isGreaterThan(100);
    List<StepRecord> records = t.store.read(r -> r.steps(p.id()));
    assertThat(records)
        .filteredOn(r -> r.step() == Step.AWAIT_ROLLOUT)
        .extracting(StepRecord::status)
        .as("one start and one recorded wait")
        .containsExactly(StepRecord.Status.STARTED, StepRecord.Status.RETRYING);
    assertThat(auditActions(t.store, "test", 1000)).filteredOn("step.retrying"::equals).hasSize(1);
    assertThat(
            t.chat.events().stream()
                .filter(PipelineEvent.StepChanged.class::isInstance)
                .map(e -> ((PipelineEvent.StepChanged) e).message())
                .toList())
        .as("the thread still shows the live wait")
        .anyMatch(m -> m.contains("pushed 1m 10s ago"))
        .anyMatch(m -> m.contains("pushed 1m 59s ago; gives up in 3m 1s"));

    t.git.sync(t.pipeline.env("test").orElseThrow(), t.pipeline.app("credreg").orElseThrow());
    t.advance(Duration.ofSeconds(1));
    assertThat(currentTag(t.store, "test")).isEqualTo(b1);
    List<StepRecord> after = t.store.read(r -> r.steps(p.id()));
    assertThat(after)
        .filteredOn(r -> r.step() == Step.AWAIT_ROLLOUT)
        .extracting(StepRecord::status)
        .containsExactly(
            StepRecord.Status.STARTED, StepRecord.Status.RETRYING, StepRecord.Status.SUCCEEDED);
  }

  /** How often Baton has read what runs in test. */
  private int looks() {
    return (int) t.faults.calls().stream().filter("cluster.running test"::equals).count();
  }

  @Test
  void aControllerThatNeverSyncsFailsThePromotionAndTheRollbackIsANewCommit() {
    t.registerBuild(1);
    t.git.sync(Sync.NEVER);
    String b2 = t.registerBuild(2);
    t.advance(Duration.ofMinutes(5).plusSeconds(1));
    for (int i = 0; i < 5; i++) {
      t.advance(Duration.ofSeconds(1));
    }

    Promotion p = latestPromotion(t.store);
    assertThat(p.state()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason())
        .contains("the GitOps controller did not apply " + b2 + " within the sync timeout of 5m")
        .contains("Git holds")
        .contains("Git holds main-app " + b2 + ", worker-app " + b2)
        .contains("the cluster: main-app runs " + Fixtures.tag(1));
    assertThat(t.git.commits()).hasSize(3);
    assertThat(t.git.commits().get(2).message()).contains("(auto-rollback)");
    assertThat(t.git.commits().get(2).images())
        .containsEntry("main-app", "credreg/main-app@" + Fixtures.digest("main-1"));
    assertThat(currentTag(t.store, "test")).isEqualTo(Fixtures.tag(1));
    assertThat(t.chat.events().toString())
        .as("the thread says what Git and the cluster hold")
        .contains("Git holds");
  }

  @Test
  void aControllerThatAppliesSomethingElseFailsAtTheTimeout() {
    t.registerBuild(1);
    t.git.sync(Sync.SOMETHING_ELSE);
    t.registerBuild(2);
    t.advance(Duration.ofMinutes(6));
    for (int i = 0; i < 5; i++) {
      t.advance(Duration.ofSeconds(1));
    }

    assertThat(latestPromotion(t.store).reason()).contains("runs credreg/main-app:other");
  }

  @Test
  void aCrashBetweenPushAndRecordIsResumedWithoutASecondCommit() {
    t.faults.inject("git.pushed test", Faults.Action.CRASH, 1);
    try {
      t.registerBuild(1);
    } catch (SimulatedCrash expected) {
      // the process died after the push
    }
    t.restart();
    t.core().sweeper().sweep();
    t.advance(Duration.ofSeconds(31));
    t.core().sweeper().sweep();

    assertThat(currentTag(t.store, "test")).isEqualTo(Fixtures.tag(1));
    assertThat(t.git.commits()).as("exactly one commit for the promotion").hasSize(1);
  }
}
