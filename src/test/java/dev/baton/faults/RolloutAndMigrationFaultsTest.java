package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cluster.FakeDeploymentController.Behaviour;
import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Arguments> rolloutFailures() {
    return Stream.of(
        Arguments.of(
            "past its progress deadline",
            "main-app",
            Behaviour.DEADLINE_EXCEEDED,
            List.of("exceeded its progress deadline", "has timed out progressing"),
            "exceeded its progress deadline"),
        Arguments.of(
            // pods never become available, and the controller never says so
            "that stalls silently past Baton's own deadline",
            "worker-app",
            Behaviour.NEVER_AVAILABLE,
            List.of(
                "made no progress for " + (BatonUnderFaults.PROGRESS_DEADLINE_SECONDS + 1) + " s",
                "the Deployment controller reported nothing"),
            "made no progress"));
  }

  /**
   * A new build's rollout in test fails, the controller treating its image of {@code workload} as
   * {@code behaviour}: it is rolled back, and Slack says why and that the release before runs
   * again.
   */
  @ParameterizedTest(name = "a rollout {0} is rolled back")
  @MethodSource("rolloutFailures")
  void aFailedRolloutIsRolledBack(
      String name, String workload, Behaviour behaviour, List<String> reason, String shown) {
    String before = outcomes.current("test");
    Build b = baton.push(baton.nextBuild());
    baton.deployments.get("test").when(b.image(baton, workload), behaviour);

    Promotion p = outcomes.deployToTest(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.ROLLED_BACK);
    assertThat(p.reason()).startsWith("await rollout failed").contains(reason);
    assertThat(outcomes.slackShows(p))
        .contains("↩️ *Failed and rolled back* at *rollout*")
        .contains(shown)
        .contains("The previous release `" + before + "` runs again");
    outcomes.endedRunning(p, before);
  }
}
