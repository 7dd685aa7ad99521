package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The App Home board, and the same commands asked by mentioning the bot. */
class SlackHomeAndMentionTest {
  BatonSlack baton;
  SlackStandIn slack;

  @BeforeEach
  void start() throws Exception {
    baton = new BatonSlack();
    slack = baton.slack;
  }

  @AfterEach
  void stop() {
    baton.close();
  }

  static JsonObject homeOpened(String user) {
    JsonObject e = new JsonObject();
    e.addProperty("type", "app_home_opened");
    e.addProperty("user", user);
    e.addProperty("channel", "D1");
    e.addProperty("tab", "home");
    e.addProperty("event_ts", "1800000000.000001");
    return e;
  }

  static JsonObject mention(String user, String text, String ts) {
    JsonObject e = new JsonObject();
    e.addProperty("type", "app_mention");
    e.addProperty("user", user);
    e.addProperty("text", text);
    e.addProperty("ts", ts);
    e.addProperty("channel", BatonSlack.CHANNEL_ID);
    e.addProperty("event_ts", ts);
    return e;
  }

  private String lastHomeOf(String user) {
    List<SlackStandIn.Call> publishes =
        slack.calls("views.publish").stream().filter(c -> user.equals(c.param("user_id"))).toList();
    assertThat(publishes).as(slack.describe()).isNotEmpty();
    String view = publishes.get(publishes.size() - 1).param("view");
    return view + "\n" + SlackStandIn.Message.visible(view);
  }

  @Test
  void theHomeBoardShowsAppsEnvironmentsAndPendingApprovalsWithButtons() {
    baton.register(1);
    baton.settle();
    assertThat(baton.event(homeOpened(Fixtures.APPROVER_1), "Ev1").statusCode()).isEqualTo(200);
    baton.settle();
    assertThat(lastHomeOf(Fixtures.APPROVER_1))
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
    baton.core().promotions().request("credreg", "prod", null, Fixtures.DEPLOYER);
    baton.settle();
    String home = lastHomeOf(Fixtures.APPROVER_1);
    assertThat(home)
        .contains("Waiting for approval")
        .contains("→ *PROD*, requested by <@UDEPLOYER> · 0 of 2 approvals")
        .contains(ActionIds.APPROVE)
        .contains(ActionIds.REJECT);

    // A button on the board answers on the board (there is no response_url there).
    String id = baton.core().queries().pendingApprovals().get(0).id();
    assertThat(baton.clickInHome(Fixtures.OUTSIDER, ActionIds.APPROVE, id).statusCode())
        .isEqualTo(200);
    baton.event(homeOpened(Fixtures.OUTSIDER), "Ev2");
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
    assertThat(lastHomeOf(Fixtures.APPROVER_1)).contains("1 of 2 approvals");
  }

  @Test
  void theBoardOffersEachPersonOnlyWhatTheyMayDoAndLinksToTheThread() {
    baton.register(1);
    baton.settle();
    baton.passes(Duration.ofMinutes(30));
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.settle();
    String id =
        baton
            .core()
            .promotions()
            .request("credreg", "prod", null, Fixtures.DEPLOYER)
            .promotion()
            .id();
    baton.settle();
    for (String user : List.of(Fixtures.DEPLOYER, Fixtures.OUTSIDER, Fixtures.APPROVER_1)) {
      baton.event(homeOpened(user), "Ev-" + user);
    }
    baton.settle();

    // The requester may withdraw his own request, never approve it.
    assertThat(lastHomeOf(Fixtures.DEPLOYER))
        .contains("requested by <@UDEPLOYER> · 0 of 2 approvals")
        .doesNotContain(ActionIds.APPROVE)
        .contains("\"Withdraw\"");
    // Someone with no rights sees the request and its thread, but no button.
    assertThat(lastHomeOf(Fixtures.OUTSIDER))
        .doesNotContain(ActionIds.APPROVE)
        .doesNotContain(ActionIds.REJECT)
        .contains("You cannot approve or reject this one")
        .containsPattern(
            "<https://slack.com/archives/"
                + BatonSlack.CHANNEL_ID
                + "/p\\d+[^|]*\\|open its thread>");
    // An approver gets both buttons and the link.
    assertThat(lastHomeOf(Fixtures.APPROVER_1))
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
    assertThat(lastHomeOf(Fixtures.APPROVER_1)).doesNotContain(ActionIds.APPROVE);
  }

  @Test
  void aMentionAnswersTheSameQuestionsInAThread() {
    baton.register(1);
    baton.settle();
    assertThat(
            baton
                .event(
                    mention(
                        Fixtures.OUTSIDER, "<@UBOT> audit credreg --since 1h", "1800000001.000100"),
                    "Ev10")
                .statusCode())
        .isEqualTo(200);
    slack.await(
        "the audit answer",
        s ->
            s.calls("chat.postMessage").stream()
                .anyMatch(c -> "1800000001.000100".equals(c.param("thread_ts"))));
    SlackStandIn.Call answer =
        slack.calls("chat.postMessage").stream()
            .filter(c -> "1800000001.000100".equals(c.param("thread_ts")))
            .findFirst()
            .orElseThrow();
    assertThat(answer.param("blocks")).contains("Audit log").contains("release.registered");

    // Slack delivers the same event again (a retry): it is answered once.
    baton.event(
        mention(Fixtures.OUTSIDER, "<@UBOT> audit credreg --since 1h", "1800000001.000100"),
        "Ev10");
    baton.event(mention(Fixtures.OUTSIDER, "<@UBOT> status", "1800000002.000100"), "Ev11");
    slack.await(
        "the status answer",
        s ->
            s.calls("chat.postMessage").stream()
                .anyMatch(c -> "1800000002.000100".equals(c.param("thread_ts"))));
    baton.settle();
    assertThat(
            slack.calls("chat.postMessage").stream()
                .filter(c -> "1800000001.000100".equals(c.param("thread_ts")))
                .count())
        .isEqualTo(1);
    assertThat(
            slack.calls("chat.postMessage").stream()
                .filter(c -> "1800000002.000100".equals(c.param("thread_ts")))
                .findFirst()
                .orElseThrow()
                .param("text"))
        .contains("*credreg*")
        .contains("*TEST* `" + Fixtures.tag(1) + "`");

    // Wrong words get the usage line, to the asker only.
    baton.event(mention(Fixtures.OUTSIDER, "<@UBOT> promote credreg", "1800000003.000100"), "Ev12");
    slack.await("an ephemeral usage line", s -> !s.calls("chat.postEphemeral").isEmpty());
    SlackStandIn.Call usage = slack.calls("chat.postEphemeral").get(0);
    assertThat(usage.param("user")).isEqualTo(Fixtures.OUTSIDER);
    assertThat(usage.param("text")).contains("Usage: `/promote <app> <env> [tag]`");
  }
}
