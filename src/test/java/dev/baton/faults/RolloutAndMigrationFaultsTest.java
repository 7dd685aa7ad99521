package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster answers, but the work fails: a migration Job fails, a rollout hits the Deployment's
 * progress deadline, a rollout stalls past Baton's own deadline. Each fails the deployment to test,
 * says why in Slack, and leaves test running (and recorded as running) the release it ran.
 */
class RolloutAndMigrationFaultsTest extends FaultScenarios {
  @AfterEach
  void recover() {
    baton.jobs.get("test").succeedFromNowOn();
  }

  @Test
  void aFailedMigrationFailsBeforeAnyRolloutQuotingTheJobsLog() {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    baton.jobs.get("test").failEverything();

    Promotion p = outcomes.deployToTest(b);

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
    outcomes.endedRunning(p, before);
  }

  @Test
  void aRolloutPastItsProgressDeadlineIsRolledBack() {
    String before = outcomes.current("test");

    Promotion p = rolledBackAtRollout("main-app", Behaviour.DEADLINE_EXCEEDED);

    assertThat(p.reason())
        .contains("exceeded its progress deadline")
        .contains("has timed out progressing");
    assertThat(outcomes.slackShows(p))
        .contains("exceeded its progress deadline")
        .contains("The previous release `" + before + "` runs again");
    outcomes.endedRunning(p, before);
  }

  @Test
  void aRolloutThatStallsSilentlyPastBatonsOwnDeadlineIsRolledBack() {
    String before = outcomes.current("test");

    // pods never become available, and the controller never says so
    Promotion p = rolledBackAtRollout("worker-app", Behaviour.NEVER_AVAILABLE);

    assertThat(p.reason())
        .contains("made no progress for " + (BatonUnderFaults.PROGRESS_DEADLINE_SECONDS + 1) + " s")
        .contains("the Deployment controller reported nothing");
    assertThat(outcomes.slackShows(p)).contains("made no progress");
    outcomes.endedRunning(p, before);
  }

  /**
   * Deploys a new build to test, the controller treating its image of {@code workload} as {@code
   * behaviour}: the rollout fails and is rolled back, and Slack says so.
   */
  private Promotion rolledBackAtRollout(String workload, Behaviour behaviour) {
    Build b = baton.push(baton.nextBuild());
    baton.deployments.get("test").when(b.image(baton, workload), behaviour);

    Promotion p = outcomes.deployToTest(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason()).startsWith("await rollout failed");
    assertThat(outcomes.slackShows(p)).contains("↩️ *Failed and rolled back* at *rollout*");
    return p;
  }
}
