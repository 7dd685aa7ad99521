package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adopting Baton on a live cluster: an environment that runs images Baton never deployed there is
 * shown with them in {@code /baton status} and on the App Home, and the first deployment's thread
 * says what it replaced.
 */
class SlackUnrecordedImagesTest {
  static final String OLD_DIGEST = Fixtures.digest("before-baton-main");
  static final String OLD_MAIN = "credreg/main-app@" + OLD_DIGEST;
  static final String SHOWN =
      "*SANDBOX* — runs `credreg/main-app@sha256:"
          + OLD_DIGEST.substring(7, 19)
          + "…`, not a release Baton knows";

  @AutoClose final BatonSlack baton = BatonSlack.withoutHttp();

  @BeforeEach
  void adoptALiveCluster() {
    baton.cluster.setByHand("sandbox", "main-app", OLD_MAIN, true);
    baton.register(1);
    baton.settle();
  }

  @Test
  void statusAndTheHomeBoardNameWhatRunsInsteadOfNothingDeployedYet() {
    String status = baton.slash(Fixtures.DEPLOYER, "/baton", "status").replyText();

    assertThat(status).contains(SHOWN).contains("*PROD* — nothing deployed yet");

    baton.openHome(Fixtures.APPROVER_1, "Ev1");
    baton.settle();
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1)).contains(SHOWN);
  }

  @Test
  void theFirstDeploymentsThreadSaysWhatItReplaced() {
    baton.passes(Duration.ofMinutes(30));
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.settle();

    SlackStandIn.Message root = baton.root(Fixtures.tag(1));
    List<String> notes =
        baton.slack.replies(root.ts).stream()
            .map(SlackStandIn.Message::visible)
            .filter(v -> v.contains("Before this first deployment"))
            .toList();
    assertThat(notes).as(baton.slack.describe()).hasSize(1);
    assertThat(notes.get(0))
        .contains(
            "Before this first deployment by Baton, *SANDBOX* ran images that are not a release"
                + " Baton knows; this deployment replaces them:")
        .contains("`main-app` `" + OLD_MAIN + "`")
        .contains("promotion.replacing-unrecorded");
    String status = baton.slash(Fixtures.DEPLOYER, "/baton", "status").replyText();
    assertThat(status).contains("*SANDBOX* `" + Fixtures.tag(1) + "`").doesNotContain("runs `");
  }
}
