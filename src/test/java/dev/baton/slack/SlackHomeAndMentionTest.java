package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The App Home board, and the same commands asked by mentioning the bot. */
class SlackHomeAndMentionTest {
  @AutoClose final BatonSlack baton = BatonSlack.withoutHttp();
  final SlackStandIn slack = baton.slack;

  @Test
  void theHomeBoardShowsAppsEnvironmentsAndPendingApprovalsWithButtons() {
    baton.register(1);
    baton.settle();
    assertThat(baton.openHome(Fixtures.APPROVER_1, "Ev1").statusCode()).isEqualTo(200);
    baton.settle();
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1))
        .contains("\"type\":\"home\"")
        .contains("Baton — releases")
        .contains("*credreg*")
        .contains("*TEST* `" + Fixtures.tag(1) + "`")
        .contains("bake for sandbox: 30m left")
        .contains("*PROD* — nothing deployed yet");

    // State changes republish the board of everyone who opened it.
    baton.passes(Duration.ofMinutes(30));
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.settle();
    baton.requestProd();
    String home = baton.lastHomeOf(Fixtures.APPROVER_1);
    assertThat(home)
        .contains("Waiting for approval")
        .contains("→ *PROD*, requested by <@UDEPLOYER> · 0 of 2 approvals")
        .contains(ActionIds.APPROVE)
        .contains(ActionIds.REJECT);

    // A button on the board answers on the board (there is no response_url there).
    String id = baton.core().queries().pendingApprovals().get(0).id();
    assertThat(baton.clickInHome(Fixtures.OUTSIDER, ActionIds.APPROVE, id).statusCode())
        .isEqualTo(200);
    baton.openHome(Fixtures.OUTSIDER, "Ev2");
    baton.settle();
    assertThat(
            slack.calls("views.publish").stream()
                .filter(c -> Fixtures.OUTSIDER.equals(c.param("user_id")))
                .anyMatch(
                    c ->
                        SlackStandIn.Message.visible(c.param("view"))
                            .contains("only approvers of prod may approve")))
        .isTrue();
    assertThat(baton.clickInHome(Fixtures.APPROVER_1, ActionIds.APPROVE, id).statusCode())
        .isEqualTo(200);
    baton.settle();
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1)).contains("1 of 2 approvals");
  }

  @Test
  void theBoardEndsWithTheDoraFiguresOfAppsThatDeployedInTheLastThirtyDays() {
    baton.openHome(Fixtures.APPROVER_1, "Ev1");
    baton.settle();
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1)).doesNotContain("Delivery (DORA)");

    baton.register(1);
    baton.settle();
    baton.passes(Duration.ofMinutes(1));
    baton.openHome(Fixtures.APPROVER_1, "Ev2");
    baton.settle();
    String home = baton.lastHomeOf(Fixtures.APPROVER_1);
    assertThat(home).contains("Delivery (DORA), last 30 days").contains("/baton dora <app>");
    String dora = home.substring(home.indexOf("Delivery (DORA)"));
    // one deployment to test in 30 days: 1/30 a day, shown per week; nothing else measured yet
    assertThat(dora).contains("*credreg*").containsPattern("test +0\\.2/wk");
    assertThat(dora).containsPattern("prod +0\\.0/wk");
  }

  @Test
  void theBoardOffersEachPersonOnlyWhatTheyMayDoAndLinksToTheThread() {
    baton.carryToSandbox(1);
    String id = baton.requestProd();
    for (String user : List.of(Fixtures.DEPLOYER, Fixtures.OUTSIDER, Fixtures.APPROVER_1)) {
      baton.openHome(user, "Ev-" + user);
    }
    baton.settle();

    // The requester may withdraw his own request, never approve it.
    assertThat(baton.lastHomeOf(Fixtures.DEPLOYER))
        .contains("requested by <@UDEPLOYER> · 0 of 2 approvals")
        .doesNotContain(ActionIds.APPROVE)
        .contains("\"Withdraw\"");
    // Someone with no rights sees the request and its thread, but no button.
    assertThat(baton.lastHomeOf(Fixtures.OUTSIDER))
        .doesNotContain(ActionIds.APPROVE)
        .doesNotContain(ActionIds.REJECT)
        .contains("You cannot approve or reject this one")
        .containsPattern(
            "<https://slack.com/archives/"
                + BatonSlack.CHANNEL_ID
                + "/p\\d+[^|]*\\|open its thread>");
    // An approver gets both buttons and the link.
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1))
        .contains(ActionIds.APPROVE)
        .contains(ActionIds.REJECT)
        .contains("open its thread>");

    // An answer on the board keeps its own mark: a success is not shown as a warning.
    baton.clickInHome(Fixtures.APPROVER_1, ActionIds.APPROVE, id);
    baton.settle();
    assertThat(
            slack.calls("views.publish").stream()
                .filter(c -> Fixtures.APPROVER_1.equals(c.param("user_id")))
                .map(c -> SlackStandIn.Message.visible(c.param("view")))
                .filter(v -> v.contains("Your approval of"))
                .findFirst()
                .orElseThrow())
        .contains("✅ Your approval of")
        .doesNotContain("⚠️ ✅");
    // Having approved, the approver is not offered Approve again.
    assertThat(baton.lastHomeOf(Fixtures.APPROVER_1)).doesNotContain(ActionIds.APPROVE);
  }

  /** Baton's answers in the thread of the message at {@code ts}. */
  private List<SlackStandIn.Call> answersIn(String ts) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> ts.equals(c.param("thread_ts")))
        .toList();
  }

  @Test
  void aMentionAnswersTheSameQuestionsInAThread() {
    String audit = "1800000001.000100";
    String status = "1800000002.000100";
    baton.register(1);
    baton.settle();
    assertThat(
            baton
                .mention(Fixtures.OUTSIDER, "<@UBOT> audit credreg --since 1h", audit, "Ev10")
                .statusCode())
        .isEqualTo(200);
    slack.await("the audit answer", s -> !answersIn(audit).isEmpty());
    assertThat(answersIn(audit).get(0).param("blocks"))
        .contains("Audit log")
        .contains("release.registered");

    // Slack delivers the same event again (a retry): it is answered once.
    baton.mention(Fixtures.OUTSIDER, "<@UBOT> audit credreg --since 1h", audit, "Ev10");
    baton.mention(Fixtures.OUTSIDER, "<@UBOT> status", status, "Ev11");
    slack.await("the status answer", s -> !answersIn(status).isEmpty());
    baton.settle();
    assertThat(answersIn(audit)).hasSize(1);
    assertThat(answersIn(status).get(0).param("text"))
        .contains("*credreg*")
        .contains("*TEST* `" + Fixtures.tag(1) + "`");

    // Wrong words get the usage line, to the asker only.
    baton.mention(Fixtures.OUTSIDER, "<@UBOT> promote credreg", "1800000003.000100", "Ev12");
    slack.await("an ephemeral usage line", s -> !s.calls("chat.postEphemeral").isEmpty());
    SlackStandIn.Call usage = slack.calls("chat.postEphemeral").get(0);
    assertThat(usage.param("user")).isEqualTo(Fixtures.OUTSIDER);
    assertThat(usage.param("text"))
        .contains("Usage: `/promote <app> <env> [tag] [--break-glass <reason> [--ticket <ref>]]`");
  }
}
