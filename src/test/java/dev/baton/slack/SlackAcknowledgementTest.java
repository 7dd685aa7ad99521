package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Faults;
import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack wants an answer within 3 seconds whatever the core does, and a request sent twice (a replay
 * within the signature's five minutes) must not act twice.
 */
class SlackAcknowledgementTest {
  BatonSlack baton;

  @BeforeEach
  void start() throws Exception {
    baton = new BatonSlack();
  }

  @AfterEach
  void stop() {
    baton.cluster.faults().clear();
    baton.close();
  }

  @Test
  void aCommandIsAcknowledgedAtOnceWhileTheCoreIsSlow() {
    baton.register(1);
    baton.settle();
    baton.passes(Duration.ofMinutes(30));
    // Reading what runs in test (the promotion's source) hangs until released.
    baton.cluster.faults().inject("cluster.running test", Faults.Action.HANG, 1);
    long start = System.nanoTime();
    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg sandbox");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.answer.body()).isEmpty();
    assertThat(millis).isLessThan(2_000);
    assertThat(baton.slack.responses()).isEmpty();
    // Release the hang only once the core waits in it (release() arms a new latch).
    baton.slack.await(
        "the core reading the cluster",
        s -> baton.cluster.faults().calls().contains("cluster.running test"));
    BatonSlack.sleep(200);
    baton.cluster.faults().release();
    assertThat(sent.replyText()).contains("Promotion of *credreg*");
  }

  @Test
  void aReplayedClickChangesNothingAndSaysWhy() {
    baton.carryToSandbox(1);
    String id = baton.requestProd();
    String url = baton.newResponseUrl();
    String body =
        SlackRequests.form(
            "payload",
            SlackRequests.blockActions(
                Fixtures.APPROVER_1,
                "1.000001",
                BatonSlack.CHANNEL_ID,
                ActionIds.APPROVE,
                id,
                url));
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = new SlackSigner(BatonSlack.SECRET).sign(ts, body);
    HttpResponse<String> first = baton.post(body, "application/x-www-form-urlencoded", ts, sig);
    HttpResponse<String> replay = baton.post(body, "application/x-www-form-urlencoded", ts, sig);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(200);
    String rid = url.substring(url.lastIndexOf('/') + 1);
    baton.slack.await(
        "two answers",
        s ->
            s.responses().stream().filter(c -> c.method().equals("response_url " + rid)).count()
                == 2);
    assertThat(
            baton.slack.responses().stream()
                .filter(c -> c.method().equals("response_url " + rid))
                .map(SlackStandIn.Call::body)
                .toList())
        .anyMatch(b -> b.contains("is recorded: 1 of 2"))
        .anyMatch(b -> b.contains("you already approved this promotion"));
    assertThat(baton.core().ports().store().read(r -> r.approvals(id)).size()).isEqualTo(1);
  }

  @Test
  void aClickWithoutActionsOrWithAForgedValueIsHarmless() {
    String payload =
        SlackRequests.blockActions(
                Fixtures.DEPLOYER, "1.000001", BatonSlack.CHANNEL_ID, ActionIds.PROMOTE, "x", null)
            .replaceFirst("\"actions\":\\[.*\\]", "\"actions\":[]");
    HttpResponse<String> empty =
        baton.postSigned(
            SlackRequests.form("payload", payload), "application/x-www-form-urlencoded");
    assertThat(empty.statusCode()).isEqualTo(200);

    var forged =
        baton.clickValue(
            Fixtures.DEPLOYER, "1.000001", BatonSlack.CHANNEL_ID, ActionIds.ROLLBACK, "prod");
    assertThat(forged.replyText()).contains("not one Baton drew; nothing was done");
    var unknown =
        baton.clickValue(
            Fixtures.DEPLOYER, "1.000001", BatonSlack.CHANNEL_ID, ActionIds.APPROVE, "no-such-id");
    assertThat(unknown.replyText()).isEqualTo("❓ no promotion no-such-id");
  }
}
