package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A release carried from TEST to PROD and back with Slack payloads alone, checked against what the
 * Slack stand-in received, message by message.
 */
class SlackFlowTest {
  static final String TAG_1 = Fixtures.tag(1);
  static final String TAG_2 = Fixtures.tag(2);

  @AutoClose final BatonSlack baton = BatonSlack.withoutHttp();

  @Test
  void aReleaseGoesFromTestToProdAndBackWithButtonsAndCommands() {
    // CI registers build 1: the thread's root appears, then test deploys it by itself.
    baton.register(1);
    baton.settle();
    SlackStandIn.Message root1 = baton.root(TAG_1);
    assertThat(root1.channel).isEqualTo(BatonSlack.CHANNEL_ID);
    assertThat(root1.visible())
        .contains("credreg " + TAG_1)
        .contains("*TEST* ✅ · *SANDBOX* — · *PROD* —")
        .contains(String.format("%040x", 1))
        .contains("https://ci.example/runs/1")
        .contains(Fixtures.digest("main-1"), Fixtures.digest("worker-1"));
    SlackStandIn.Message test1 = baton.reply(root1, "to *TEST*");
    assertThat(test1.visible())
        .contains("Deployed* to *TEST*")
        .contains("✅ verify images — 2 images verified")
        .contains("✅ rollout")
        .contains("✅ pointer tags — moved latest");
    assertThat(
            test1.button(ActionIds.PROMOTE).get("text").getAsJsonObject().get("text").getAsString())
        .isEqualTo("Promote to sandbox");
    assertThat(test1.button(ActionIds.PROMOTE).has("confirm")).isFalse();

    // Promote clicked: sandbox needs 30 minutes of bake in test, so it waits.
    var promote = baton.click(Fixtures.APPROVER_2, test1, ActionIds.PROMOTE);
    assertThat(promote.answer.statusCode()).isEqualTo(200);
    assertThat(promote.replyText()).contains("requested; it starts as soon as bake time");
    baton.settle();
    SlackStandIn.Message sandbox1 = baton.reply(root1, "to *SANDBOX*");
    assertThat(sandbox1.visible())
        .contains("requested by <@" + Fixtures.APPROVER_2 + ">")
        .contains("*Approved*, waiting for bake time: 0s of 30m in test — *30m left*");
    assertThat(baton.root(TAG_1).visible()).contains("*TEST* ✅ · *SANDBOX* ⏳ · *PROD* —");

    // A second click changes nothing and says so.
    var again = baton.click(Fixtures.DEPLOYER, test1, ActionIds.PROMOTE);
    assertThat(again.replyText()).contains("already requested by <@" + Fixtures.APPROVER_2 + ">");

    baton.passes(Duration.ofMinutes(30));
    sandbox1 = baton.reply(root1, "to *SANDBOX*");
    assertThat(sandbox1.visible()).contains("Deployed* to *SANDBOX*").contains("✅ rollout");
    JsonObject toProd = sandbox1.button(ActionIds.PROMOTE);
    assertThat(toProd.get("text").getAsJsonObject().get("text").getAsString())
        .isEqualTo("Promote to prod");
    assertThat(toProd.getAsJsonObject("confirm").get("style").getAsString()).isEqualTo("primary");
    assertThat(baton.root(TAG_1).visible()).contains("*TEST* ✅ · *SANDBOX* ✅ · *PROD* —");

    // The test message's Promote button is outdated now: sandbox already runs build 1.
    var outdated = baton.click(Fixtures.DEPLOYER, test1, ActionIds.PROMOTE);
    assertThat(outdated.replyText()).startsWith("⚠️").contains("sandbox");

    // Someone who may not deploy to prod is told which policy says no.
    var denied = baton.slash(Fixtures.OUTSIDER, "/promote", "credreg prod");
    assertThat(denied.answer.statusCode()).isEqualTo(200);
    assertThat(denied.replyText())
        .isEqualTo("⛔ Not allowed: only deployers or admins of prod may do that.");

    // The deployer asks for prod: two approvals, 24 h of bake in sandbox.
    var asked = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");
    assertThat(asked.replyText())
        .contains(
            "requested. It needs 2 approvals from <@UAPPROVER1> <@UAPPROVER2> <!subteam^SRELEASE>;")
        .doesNotContain("<@UDEPLOYER>");
    baton.settle();
    SlackStandIn.Message prod1 = baton.reply(root1, "to *PROD*");
    assertThat(prod1.visible())
        .contains("*Waiting for approval*: 0 of 2 — *2 more needed*")
        // the requester is never listed (nor mentioned) among those who may approve
        .contains("*Who may approve:* <@UAPPROVER1> <@UAPPROVER2> <!subteam^SRELEASE> — 2 needed")
        .doesNotContainPattern("Who may approve:[^\\n]*UDEPLOYER")
        .contains("*Approvals:* none yet — *2 missing*")
        .contains("*Bake time:* 0s of 1d 0h in sandbox — *1d 0h left*")
        .contains("*Expires* <!date^")
        .contains("from *sandbox*")
        .contains(Fixtures.digest("main-1"), Fixtures.digest("worker-1"));
    assertThat(prod1.button(ActionIds.APPROVE).getAsJsonObject("confirm")).isNotNull();
    // Kept for clicks after the message has changed (a click on an outdated message).
    String prodId = prod1.button(ActionIds.APPROVE).get("value").getAsString();
    assertThat(baton.root(TAG_1).visible()).contains("*PROD* 🕐");

    // The requester's own approval, and an outsider's, are refused and change nothing.
    assertThat(baton.click(Fixtures.DEPLOYER, prod1, ActionIds.APPROVE).replyText())
        .isEqualTo(
            "⛔ Not allowed: you requested this promotion; prod needs approval from someone else.");
    assertThat(baton.click(Fixtures.OUTSIDER, prod1, ActionIds.APPROVE).replyText())
        .isEqualTo("⛔ Not allowed: only approvers of prod may approve.");
    assertThat(baton.click(Fixtures.APPROVER_1, prod1, ActionIds.APPROVE).replyText())
        .contains("is recorded: 1 of 2, 1 more needed");
    assertThat(baton.click(Fixtures.APPROVER_1, prod1, ActionIds.APPROVE).replyText())
        .isEqualTo("⚠️ you already approved this promotion");
    baton.settle();
    assertThat(baton.reply(root1, "to *PROD*").visible())
        .contains("1 of 2 — *1 more needed*")
        .contains("*Approvals:* <@UAPPROVER1>");

    // A member of the release group (resolved through usergroups.users.list) gives the second.
    assertThat(baton.click(Fixtures.GROUP_MEMBER, prod1, ActionIds.APPROVE).replyText())
        .contains("Approved:");
    assertThat(baton.slack.calls("usergroups.users.list")).isNotEmpty();
    assertThat(
            baton
                .clickValue(Fixtures.APPROVER_2, prod1.ts, prod1.channel, ActionIds.APPROVE, prodId)
                .replyText())
        .isEqualTo("⚠️ this promotion is already approved");
    baton.settle();
    prod1 = baton.reply(root1, "to *PROD*");
    assertThat(prod1.visible())
        .contains("*Approved*, waiting for bake time")
        .contains("*Approved by* <@UAPPROVER1>")
        .contains("<@UGROUPMEMBER>");
    assertThat(prod1.buttons())
        .extracting(b -> b.get("action_id").getAsString())
        .containsExactly(ActionIds.REJECT);

    // A day later the bake is done; the sweep starts it and prod runs build 1.
    baton.passes(Duration.ofHours(24));
    prod1 = baton.reply(root1, "to *PROD*");
    assertThat(prod1.visible())
        .contains("Deployed* to *PROD*")
        .contains("✅ pointer tags — moved prod");
    assertThat(baton.root(TAG_1).visible()).contains("*TEST* ✅ · *SANDBOX* ✅ · *PROD* ✅");
    assertThat(prod1.buttons()).isEmpty(); // nothing earlier ran in prod to roll back to

    // Build 2 follows the same way.
    carryToProd(2);
    SlackStandIn.Message root2 = baton.root(TAG_2);
    assertThat(root2.visible()).contains("*TEST* ✅ · *SANDBOX* ✅ · *PROD* ✅");
    assertThat(baton.root(TAG_1).visible()).contains("*PROD* ☑️");
    SlackStandIn.Message prod2 = baton.reply(root2, "to *PROD*");
    JsonObject rollbackButton = prod2.button(ActionIds.ROLLBACK);
    assertThat(rollbackButton.get("style").getAsString()).isEqualTo("danger");
    assertThat(
            rollbackButton
                .getAsJsonObject("confirm")
                .getAsJsonObject("text")
                .get("text")
                .getAsString())
        .contains(TAG_1)
        .contains(TAG_2);

    // /rollback prod: build 1 comes back, and prod is frozen until someone unfreezes it.
    var rollback = baton.slash(Fixtures.DEPLOYER, "/rollback", "prod");
    assertThat(rollback.replyText()).contains("Rolling back *prod* to *credreg* `" + TAG_1 + "`");
    baton.settle();
    assertThat(baton.runs("prod")).isEqualTo(TAG_1);
    SlackStandIn.Message back = baton.reply(baton.root(TAG_1), "Rollback of *PROD*");
    assertThat(back.visible())
        .contains("Deployed* to *PROD*")
        .contains("replacing `" + TAG_2 + "`");
    // A rollback's own result offers no Roll back: putting build 2 back is a promotion.
    assertThat(back.buttons()).isEmpty();
    var forward =
        baton.clickValue(
            Fixtures.DEPLOYER,
            back.ts,
            back.channel,
            ActionIds.ROLLBACK,
            "credreg|prod|" + TAG_2 + "|" + TAG_1);
    assertThat(forward.replyText())
        .isEqualTo(
            "⚠️ "
                + TAG_2
                + " is newer than what runs in prod ("
                + TAG_1
                + "); promote it instead — prod needs 2 approvals and is frozen until someone"
                + " unfreezes it");
    assertThat(baton.root(TAG_1).visible()).contains("*PROD* ✅");
    assertThat(baton.root(TAG_2).visible()).contains("*PROD* ☑️");
    assertThat(baton.slack.roots())
        .anyMatch(
            m ->
                m.visible().contains("🧊 *PROD* is frozen by Baton")
                    && m.visible().contains("UDEPLOYER"));
    // Build 2's Rollback button is outdated now.
    assertThat(baton.reply(root2, "to *PROD*").buttons()).isEmpty();
    var late =
        baton.clickValue(
            Fixtures.DEPLOYER,
            prod2.ts,
            prod2.channel,
            ActionIds.ROLLBACK,
            rollbackButton.get("value").getAsString());
    assertThat(late.replyText()).contains("This message is outdated");

    // /audit answers in the channel, compactly, newest first.
    var audit = baton.slash(Fixtures.OUTSIDER, "/audit", "prod --since 3d");
    JsonObject auditReply = audit.reply();
    assertThat(auditReply.get("response_type").getAsString()).isEqualTo("in_channel");
    String auditText = auditReply.getAsJsonArray("blocks").toString();
    assertThat(auditText)
        .contains("env prod, since 3d")
        .contains("*promotion.succeeded* credreg `" + TAG_1 + "` → prod")
        .contains("*env.frozen*")
        .doesNotContain("step.succeeded")
        .contains("Older events match too")
        .contains("GET /api/v1/audit?env=prod");
    var byDeployer = baton.slash(Fixtures.OUTSIDER, "/audit", "credreg prod <@UDEPLOYER|deployer>");
    assertThat(byDeployer.reply().getAsJsonArray("blocks").toString())
        .contains("app credreg, env prod, by UDEPLOYER")
        .contains("*denied.approve*")
        .contains("you requested this promotion")
        .contains("*promotion.requested*");
    assertThat(baton.core().queries().verifyAuditChain().valid()).isTrue();
  }

  private void carryToProd(int n) {
    String tag = Fixtures.tag(n);
    baton.register(n);
    baton.settle();
    SlackStandIn.Message root = baton.root(tag);
    baton.click(Fixtures.DEPLOYER, baton.reply(root, "to *TEST*"), ActionIds.PROMOTE).reply();
    baton.passes(Duration.ofMinutes(30));
    baton.click(Fixtures.DEPLOYER, baton.reply(root, "to *SANDBOX*"), ActionIds.PROMOTE).reply();
    baton.settle();
    SlackStandIn.Message prod = baton.reply(root, "to *PROD*");
    baton.click(Fixtures.APPROVER_1, prod, ActionIds.APPROVE).reply();
    baton.click(Fixtures.APPROVER_2, prod, ActionIds.APPROVE).reply();
    baton.passes(Duration.ofHours(24));
    assertThat(baton.runs("prod")).isEqualTo(tag);
  }
}
