package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster answers, but the work fails: a migration Job fails, a rollout hits the Deployment's
 * progress deadline, a rollout stalls past Baton's own deadline. Each fails the deployment to test,
 * says why in Slack, and leaves test running (and recorded as running) the release it ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedBaton.class)
@Timeout(60)
class RolloutAndMigrationFaultsTest {
  BatonUnderFaults baton;
  Outcomes outcomes;

  @BeforeAll
  void start(BatonUnderFaults shared) {
    baton = shared;
    outcomes = new Outcomes(baton);
  }

  @AfterEach
  void recover() {
    baton.jobs.get("test").succeedFromNowOn();
  }

  @Test
  void aFailedMigrationFailsBeforeAnyRolloutQuotingTheJobsLog() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    baton.jobs.get("test").failEverything();

    Promotion p = deploy(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.FAILED);
    assertThat(p.reason())
        .startsWith("migrate before failed")
        .contains("BackoffLimitExceeded")
        .contains("ERROR: relation \"tenants\" does not exist");
    String shown = outcomes.slackShows(p);
    assertThat(shown)
        .contains("❌ *Failed* at *migrations (before rollout)*")
        .contains("ERROR: relation \"tenants\" does not exist")
        .contains("Nothing was changed: test still runs");
    assertThat(baton.imageIn("test", "main-app")).isNotEqualTo(b.image(baton, "main-app"));
    unchanged(p, before);
  }

  @Test
  void aRolloutPastItsProgressDeadlineIsRolledBack() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    baton.deployments.get("test").when(b.image(baton, "main-app"), Behaviour.DEADLINE_EXCEEDED);

    Promotion p = deploy(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason())
        .startsWith("await rollout failed")
        .contains("exceeded its progress deadline")
        .contains("has timed out progressing");
    assertThat(outcomes.slackShows(p))
        .contains("↩️ *Failed and rolled back* at *rollout*")
        .contains("exceeded its progress deadline")
        .contains("The previous release `" + before + "` runs again");
    unchanged(p, before);
  }

  @Test
  void aRolloutThatStallsSilentlyPastBatonsOwnDeadlineIsRolledBack() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    // pods never become available, and the controller never says so
    baton.deployments.get("test").when(b.image(baton, "worker-app"), Behaviour.NEVER_AVAILABLE);

    Promotion p = deploy(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason())
        .startsWith("await rollout failed")
        .contains("made no progress for " + (BatonUnderFaults.PROGRESS_DEADLINE_SECONDS + 1) + " s")
        .contains("the Deployment controller reported nothing");
    assertThat(outcomes.slackShows(p))
        .contains("↩️ *Failed and rolled back* at *rollout*")
        .contains("made no progress");
    unchanged(p, before);
  }

  private Promotion deploy(Build b) {
    baton.register(b);
    return outcomes.awaitEnd("test", b.tag());
  }

  private void unchanged(Promotion p, String before) {
    outcomes.audited(p);
    assertThat(outcomes.current("test")).isEqualTo(before);
    outcomes.inventoryIsWhatRuns();
  }
}
