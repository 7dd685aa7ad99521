package dev.baton.slack;

import static dev.baton.testing.Builders.aLease;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.slack.blocks.ActionIds;
import dev.baton.slack.notify.Cards;
import dev.baton.slack.notify.DeliveryQueue;
import dev.baton.slack.notify.ProgressBoard;
import dev.baton.slack.notify.Refresher;
import dev.baton.slack.notify.SlackMessages;
import dev.baton.slack.notify.ThreadPublisher;
import dev.baton.slack.web.SlackWeb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Release threads under adverse conditions: rate limits, outages, failures, time, replicas. */
class SlackNotificationsTest {
  @AutoClose BatonSlack baton = BatonSlack.withoutHttp();
  SlackStandIn slack = baton.slack;

  @Test
  void aRateLimitedPostIsSentOnceAfterRetryAfter() {
    slack.rateLimit("chat.postMessage", 1, 1);
    baton.register(1);
    baton.settle();
    List<SlackStandIn.Call> posts = slack.calls("chat.postMessage");
    assertThat(posts.size()).isGreaterThanOrEqualTo(3); // 429, root, test reply
    assertThat(posts.get(1).atMillis() - posts.get(0).atMillis()).isGreaterThanOrEqualTo(950);
    assertThat(slack.roots()).hasSize(1);
    assertThat(slack.replies(slack.roots().get(0).ts)).hasSize(1);
  }

  @Test
  void whileSlackIsDownTheDeployRunsAndTheThreadCatchesUpWithTheCurrentState() {
    slack.fail("chat.postMessage", 2, "service_unavailable");
    baton.register(1);
    baton.settle();
    assertThat(baton.runs("test")).isEqualTo(Fixtures.tag(1));
    assertThat(slack.roots()).hasSize(1);
    SlackStandIn.Message root = slack.roots().get(0);
    assertThat(root.visible()).contains("*TEST* ✅");
    List<SlackStandIn.Message> replies = slack.replies(root.ts);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).visible()).contains("Deployed* to *TEST*");
    // Rendered from the state, not replayed: a handful of updates, not one per event.
    assertThat(slack.calls("chat.update")).hasSizeLessThan(12);
  }

  @Test
  void aMessageDeletedInSlackIsPostedAgain() {
    baton.register(1);
    baton.settle();
    SlackStandIn.Message root = slack.roots().get(0);
    slack.fail("chat.update", 1, "message_not_found");
    baton
        .chat()
        .promotion(
            baton
                .core()
                .ports()
                .store()
                .read(r -> r.currentDeployment("credreg", "test"))
                .orElseThrow()
                .promotionId());
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.settle();
    assertThat(slack.messages()).anyMatch(m -> m.visible().contains("to *SANDBOX*"));
    assertThat(root).isNotNull();
  }

  @Test
  void aFailedStepThatWasRolledBackShowsTheStepTheReasonAndOffersNoRollBack() {
    baton.carryToSandbox(1);
    baton.carryToSandbox(2);
    baton.register(3);
    baton.settle();
    baton.passes(Duration.ofMinutes(30));
    baton.cluster.faults().inject("cluster.awaitRollout sandbox", Faults.Action.TERMINAL, 1);
    baton.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
    baton.settle();
    SlackStandIn.Message root3 = baton.root(Fixtures.tag(3));
    SlackStandIn.Message failed = baton.reply(root3, "to *SANDBOX*");
    assertThat(failed.visible())
        .contains("*Failed and rolled back* at *rollout*")
        .contains("injected failure in cluster.awaitRollout sandbox")
        .contains("❌ rollout")
        .contains("The previous release `" + Fixtures.tag(2) + "` runs again.");
    assertThat(root3.visible()).contains("*SANDBOX* ❌");
    assertThat(failed.buttons())
        .as("the automatic rollback already put back what the inventory names")
        .extracting(b -> b.get("action_id").getAsString())
        .doesNotContain(ActionIds.ROLLBACK);
    var rollback = baton.slash(Fixtures.DEPLOYER, "/rollback", "sandbox");
    assertThat(rollback.replyText())
        .contains("Rolling back *sandbox* to *credreg* `" + Fixtures.tag(1) + "`");
    baton.settle();
    assertThat(baton.runs("sandbox")).isEqualTo(Fixtures.tag(1));
  }

  @Test
  void bakeTimeIsKeptCurrentAndApproversAreRemindedOnceBeforeExpiry() {
    baton.carryToSandbox(1);
    String id = baton.requestProd();
    baton.core().promotions().approve(id, Fixtures.APPROVER_1);
    baton.settle();
    SlackStandIn.Message root = baton.root(Fixtures.tag(1));
    assertThat(baton.reply(root, "to *PROD*").visible()).contains("*1d 0h left*");
    baton.clock.advance(Duration.ofHours(18));
    Refresher refresher = baton.context.getBean(Refresher.class);
    refresher.refresh();
    baton.settle();
    assertThat(baton.reply(root, "to *PROD*").visible())
        .contains("*Bake time:* 18h 0m of 1d 0h in sandbox — *6h 0m left*")
        .contains("(in 6h 0m)");
    List<SlackStandIn.Message> reminders =
        slack.replies(root.ts).stream().filter(m -> m.visible().contains("Reminder")).toList();
    assertThat(reminders).hasSize(1);
    // Only those who can still act are mentioned: not the requester, not who already approved.
    assertThat(reminders.get(0).text)
        .contains("Reminder for <@UAPPROVER2> <!subteam^SRELEASE>:")
        .doesNotContain("<@UAPPROVER1>")
        .doesNotContain("<@UDEPLOYER>")
        .contains("still needs 1 approval;")
        .contains("This is the only reminder");
    // Again, and from a second replica over the same database: no second reminder.
    refresher.refresh();
    new Refresher(
            baton.core().ports().store(),
            baton.core().ports().pipeline(),
            baton.clock,
            baton.chat(),
            baton.context.getBean(SlackMessages.class),
            baton.context.getBean(ThreadPublisher.class))
        .refresh();
    baton.clock.advance(Duration.ofHours(1));
    refresher.refresh();
    baton.settle();
    assertThat(
            slack.replies(root.ts).stream().filter(m -> m.visible().contains("Reminder")).toList())
        .hasSize(1);
  }

  @Test
  void anExpiredRequestLosesItsButtonsAndALateClickIsExplained() {
    baton.carryToSandbox(1);
    baton.requestProd();
    SlackStandIn.Message prod = baton.reply(baton.root(Fixtures.tag(1)), "to *PROD*");
    String id = prod.button(ActionIds.APPROVE).get("value").getAsString();
    baton.passes(Duration.ofHours(25));
    SlackStandIn.Message now = slack.message(prod.ts);
    assertThat(now.visible()).contains("*Expired*");
    assertThat(now.buttons()).isEmpty();
    var late = baton.clickValue(Fixtures.APPROVER_1, prod.ts, prod.channel, ActionIds.APPROVE, id);
    assertThat(late.replyText()).contains("this promotion has already ended: EXPIRED");
  }

  @Test
  void twoReplicasNeverBothPostTheRootMessage() throws Exception {
    baton.register(1);
    baton.settle();
    SlackMessages messages = baton.context.getBean(SlackMessages.class);
    String key = ThreadPublisher.releaseKey("credreg", Fixtures.tag(1));
    messages.forget(key); // as if it had never been posted
    int before = slack.calls("chat.postMessage").size();
    Cards cards =
        new Cards(
            baton.core().ports().pipeline(),
            baton.core().ports().store(),
            baton.clock,
            new ProgressBoard());
    SlackWeb web = baton.context.getBean(SlackWeb.class);
    ThreadPublisher a = new ThreadPublisher(cards, messages, web, null, "replica-a");
    ThreadPublisher b = new ThreadPublisher(cards, messages, web, null, "replica-b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    Future<?> fa = pool.submit(() -> publishEventually(a, go));
    Future<?> fb = pool.submit(() -> publishEventually(b, go));
    go.countDown();
    fa.get();
    fb.get();
    pool.shutdown();
    assertThat(slack.calls("chat.postMessage").size() - before).isEqualTo(1);
    assertThat(messages.find(key).orElseThrow().posted()).isTrue();
  }

  private static Void publishEventually(ThreadPublisher p, CountDownLatch go) throws Exception {
    go.await();
    for (int i = 0; i < 100; i++) {
      try {
        p.publishRelease("credreg", Fixtures.tag(1));
        return null;
      } catch (DeliveryQueue.Later later) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("never published");
  }

  @Test
  void aClaimLeftByADeadReplicaIsTakenOverAfterTwoMinutes() {
    SlackMessages messages = baton.context.getBean(SlackMessages.class);
    Instant t = Instant.parse("2026-11-22T09:00:00Z");
    assertThat(messages.claim("release:x:1", "dead", t)).isTrue();
    assertThat(messages.claim("release:x:1", "alive", t)).isFalse();
    assertThat(messages.takeOver("release:x:1", "alive", t.plusSeconds(60), t.minusSeconds(60)))
        .isFalse();
    assertThat(
            messages.takeOver(
                "release:x:1", "alive", t.plusSeconds(180), t.plusSeconds(180).minusSeconds(120)))
        .isTrue();
    assertThat(messages.claimNotice("reminder:p", t)).isTrue();
    assertThat(messages.claimNotice("reminder:p", t)).isFalse();
  }

  @Test
  void aClaimLeftByAnEarlierStartOfThisReplicaIsTakenAtOnce() {
    SlackMessages messages = baton.context.getBean(SlackMessages.class);
    LeaseOwner me = baton.context.getBean(LeaseOwner.class);
    Instant now = Instant.now();
    // Killed between claiming the root message and posting it; another replica's claim stays.
    String release = ThreadPublisher.releaseKey("credreg", Fixtures.tag(1));
    assertThat(messages.claim(release, me.instanceId() + "#deadboot/1", now)).isTrue();
    String other = ThreadPublisher.releaseKey("credreg", Fixtures.tag(2));
    assertThat(messages.claim(other, "another-replica#b/2", now)).isTrue();
    baton.register(1);
    baton.register(2);
    long deadline = System.currentTimeMillis() + 10_000;
    while (slack.roots().isEmpty() && System.currentTimeMillis() < deadline) {
      BatonSlack.sleep(50);
    }
    BatonSlack.sleep(1_000); // release 2 stays unposted: its claim is another replica's, and fresh
    assertThat(slack.roots()).as(slack.describe()).hasSize(1);
    assertThat(slack.roots().get(0).visible()).contains("credreg " + Fixtures.tag(1));
    assertThat(messages.find(other).orElseThrow().posted()).isFalse();
  }

  @Test
  void aMessageADeadStartPostedWithoutRecordingItIsFoundAndUpdatedNotPostedTwice()
      throws Exception {
    baton.close();
    baton = BatonSlack.withoutHttp(Map.of("baton.apps.credreg.channel", BatonSlack.CHANNEL_ID));
    slack = baton.slack;
    SlackMessages messages = baton.context.getBean(SlackMessages.class);
    LeaseOwner me = baton.context.getBean(LeaseOwner.class);
    String key = ThreadPublisher.releaseKey("credreg", Fixtures.tag(1));
    // The earlier start claimed the root, Slack took the post, and the process died before it
    // recorded the message's ts.
    assertThat(messages.claim(key, me.instanceId() + "#deadboot/1", Instant.now())).isTrue();
    baton
        .context
        .getBean(SlackWeb.class)
        .postMessage(BatonSlack.CHANNEL_ID, null, "credreg, as the dead start left it", null, key);

    baton.register(1);
    baton.settle();

    assertThat(slack.roots()).as(slack.describe()).hasSize(1);
    SlackStandIn.Message root = slack.roots().get(0);
    assertThat(root.visible()).as("updated to the current state").contains("*TEST* ✅");
    assertThat(messages.find(key).orElseThrow().ts()).isEqualTo(root.ts);
    assertThat(slack.calls("conversations.history")).hasSize(1);
  }

  @Test
  void freezeAndUnfreezeAreAnnouncedAndRefusedToOutsiders() {
    var frozen = baton.slash(Fixtures.DEPLOYER, "/freeze", "prod 2h \"incident INC-7\"");
    assertThat(frozen.replyText()).contains("*prod* is frozen for 2h 0m, until");
    baton.settle();
    assertThat(slack.roots())
        .anyMatch(
            m ->
                m.visible().contains("🧊 *PROD* is frozen by <@UDEPLOYER> until")
                    && m.visible().contains("incident INC-7"));
    var refused = baton.slash(Fixtures.OUTSIDER, "/unfreeze", "prod");
    assertThat(refused.replyText())
        .isEqualTo("⛔ Not allowed: only admins of prod may unfreeze it.");
    var wrong = baton.slash(Fixtures.ADMIN, "/unfreeze", "");
    assertThat(wrong.ackText())
        .contains("give exactly one environment")
        .contains("Usage: `/unfreeze <env>`");
    var unfrozen = baton.slash(Fixtures.ADMIN, "/unfreeze", "prod");
    assertThat(unfrozen.replyText()).contains("*prod* is unfrozen");
    baton.settle();
    assertThat(slack.roots())
        .anyMatch(m -> m.visible().contains("🌤️ *PROD* is unfrozen by <@UADMIN>"));
    var again = baton.slash(Fixtures.ADMIN, "/unfreeze", "prod");
    assertThat(again.replyText()).isEqualTo("⚠️ prod is not frozen");
  }

  @Test
  void aBakeBreachIsRepliedInTheReleasesThread() {
    baton.carryToSandbox(1);
    Instant at = Instant.parse("2026-12-02T14:02:00Z");
    PipelineEvent.BakeBreached breach =
        new PipelineEvent.BakeBreached(
            "credreg",
            "sandbox",
            Fixtures.tag(1),
            "prod",
            "error-rate 0.023 ≥ 0.01",
            at,
            Duration.ofHours(24));
    baton.chat().publish(breach);
    baton.settle();
    SlackStandIn.Message root = baton.root(Fixtures.tag(1));
    assertThat(slack.replies(root.ts).stream().map(SlackStandIn.Message::visible))
        .filteredOn(v -> v.contains("error-rate"))
        .singleElement()
        .asString()
        .contains("error-rate 0.023 ≥ 0.01 in *sandbox* at <!date^" + at.getEpochSecond())
        .contains("— promotion to *prod* blocked until it holds for 24h again");
  }

  @Test
  void aBakeRecoveryIsRepliedInTheReleasesThreadWithWhenItMayGo() {
    baton.carryToSandbox(1);
    Instant at = Instant.parse("2026-12-02T15:02:00Z");
    Instant mayGo = Instant.parse("2026-12-03T14:02:00Z");
    baton
        .chat()
        .publish(
            new PipelineEvent.BakeRecovered(
                "credreg",
                "sandbox",
                Fixtures.tag(1),
                "prod",
                "error-rate 0.004 < 0.01",
                at,
                mayGo));
    baton.settle();
    SlackStandIn.Message root = baton.root(Fixtures.tag(1));
    assertThat(slack.replies(root.ts).stream().map(SlackStandIn.Message::visible))
        .filteredOn(v -> v.contains("holds again"))
        .singleElement()
        .asString()
        .contains(
            ":white_check_mark: error-rate 0.004 &lt; 0.01 holds again in *sandbox* at <!date^")
        .contains("— promotion to *prod* may start from <!date^" + mayGo.getEpochSecond())
        .endsWith("if it keeps holding\n");
  }

  @Test
  void aResumedPromotionIsToldInItsThreadWithStepAndCause() {
    baton.carryToSandbox(1);
    Promotion p =
        baton
            .core()
            .ports()
            .store()
            .read(
                r ->
                    r.promotion(
                        r.currentDeployment("credreg", "sandbox").orElseThrow().promotionId()))
            .orElseThrow()
            .withStep(Step.AWAIT_ROLLOUT, 0, baton.clock.instant());
    Instant expired = Instant.parse("2026-12-02T14:02:11Z");
    baton
        .chat()
        .publish(
            new PipelineEvent.PromotionResumed(
                p, "baton-0#b2", aLease().heldBy("baton-0#a1").build()));
    baton
        .chat()
        .publish(
            new PipelineEvent.PromotionResumed(
                p, "baton-1#c3", aLease().heldBy("baton-0#b2").expiresAt(expired).build()));
    baton
        .chat()
        .publish(
            new PipelineEvent.PromotionResumed(
                p, "baton-0#d4", aLease().heldBy("baton-1#c3").handedOver().build()));
    baton.settle();
    SlackStandIn.Message root = baton.root(Fixtures.tag(1));
    List<SlackStandIn.Message> notices =
        slack.replies(root.ts).stream().filter(m -> m.visible().contains("Resumed")).toList();
    assertThat(notices)
        .extracting(SlackStandIn.Message::visible)
        .as(slack.describe())
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .contains("Resumed *credreg " + Fixtures.tag(1) + "* to *sandbox*")
                    .contains("at step *rollout*")
                    .contains("baton-0 restarted"),
            second ->
                assertThat(second)
                    .contains("baton-0 stopped answering; its lease expired at 14:02:11 UTC"),
            third -> assertThat(third).contains("handed over by baton-1 as it stopped"));
  }
}
