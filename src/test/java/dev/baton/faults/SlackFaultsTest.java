package dev.baton.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.faults.BatonUnderFaults.Build;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.SlackStandIn;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's Web API is down or rate-limits while a release is promoted to prod. The promotion never
 * waits for Slack and succeeds; once Slack answers again, the release thread catches up with what
 * happened: one reply for the promotion, showing its final state, and the pipeline line updated.
 */
class SlackFaultsTest extends FaultScenarios {
  SlackStandIn slack;

  @BeforeEach
  void connect() {
    slack = baton.slack;
  }

  @AfterEach
  void heal() throws IOException {
    slack.heal();
    slack.listenAgain();
  }

  @Test
  void slackRefusingConnectionsDuringAPromotionCatchesUpAfterwards() throws IOException {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    slack.stopListening();

    Promotion p = outcomes.promoteToProd(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(outcomes.reply(p)).as("nothing reached Slack while it was down").isNull();
    slack.listenAgain();
    caughtUp(p, b);
  }

  @Test
  void slackAnswering5xxDuringAPromotionCatchesUpAfterwards() {
    promotedToProdWhileSlack(
        () -> {
          slack.failHttp("chat.postMessage", 3, 503);
          slack.failHttp("chat.update", 3, 503);
        });
  }

  @Test
  void slackRateLimitingDuringAPromotionIsWaitedOutAndCatchesUp() {
    promotedToProdWhileSlack(
        () -> {
          slack.rateLimit("chat.postMessage", 1, 1);
          slack.rateLimit("chat.update", 2, 1);
        });
  }

  /**
   * A build in test is promoted to prod while Slack misbehaves: it succeeds and Slack catches up.
   */
  private void promotedToProdWhileSlack(Runnable misbehaves) {
    Build b = outcomes.deployedToTest(baton.nextBuild());
    misbehaves.run();

    Promotion p = outcomes.promoteToProd(b);

    assertThat(p.state()).as(p.reason()).isEqualTo(PromotionState.SUCCEEDED);
    caughtUp(p, b);
  }

  /** The thread shows the promotion's end, with one reply for it and the pipeline line updated. */
  private void caughtUp(Promotion p, Build b) {
    assertThat(outcomes.slackShows(p)).contains("✅ *Deployed* to *PROD*");
    SlackStandIn.Message root =
        slack.roots().stream().filter(m -> m.visible().contains(b.tag())).findFirst().orElseThrow();
    assertThat(root.visible()).contains("*PROD* ✅");
    assertThat(slack.replies(root.ts).stream().filter(m -> m.visible().contains("to *PROD*")))
        .as("one reply for the promotion, posted once")
        .hasSize(1);
    outcomes.endedRunning(p, b.tag());
  }
}
