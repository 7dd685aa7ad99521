package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import dev.baton.slack.listen.SlackOverload;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work after the acknowledgement waits in a bounded queue ({@code baton.slack.work-queue}):
 * once it is full, a request is refused at once with a clear answer, counted, and changes nothing —
 * and Baton serves normally again as soon as the queue drains.
 */
class SlackOverloadTest {
  BatonSlack baton;
  CountDownLatch release;

  @BeforeEach
  void start() throws Exception {
    baton = new BatonSlack(Map.of("baton.slack.work-threads", "1", "baton.slack.work-queue", "1"));
    release = new CountDownLatch(1);
  }

  @AfterEach
  void stop() {
    release.countDown();
    baton.close();
  }

  /** Occupies the one worker and the one queue slot until {@link #release} opens. */
  private void fillTheQueue() throws InterruptedException {
    ExecutorService work =
        baton.context.getBean(ExecutorService.class, Qualifiers.byName("slack-work"));
    CountDownLatch running = new CountDownLatch(1);
    work.execute(
        () -> {
          running.countDown();
          await(release);
        });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    work.execute(() -> await(release));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private double refused(String kind) {
    MeterRegistry meters = baton.context.getBean(MeterRegistry.class);
    var counter = meters.find(SlackOverload.METER).tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aCommandBeyondTheQueueIsAnsweredBusyInItsAcknowledgementAndDoesNothing() throws Exception {
    baton.carryToSandbox(1);
    fillTheQueue();

    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");

    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.ackText()).isEqualTo(SlackOverload.BUSY);
    assertThat(refused("command")).isEqualTo(1.0);
    release.countDown();
    baton.settle();
    assertThat(openPromotionsToProd()).isZero();
    assertThat(baton.slack.responses())
        .noneMatch(c -> c.method().endsWith(sent.responseUrl.replaceAll(".*/", "")));

    // Once the queue has drained, the same command is served.
    var again = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");
    assertThat(again.answer.body()).isEmpty();
    assertThat(again.replyText()).contains("Promotion of *credreg*");
    baton.settle();
    assertThat(openPromotionsToProd()).isEqualTo(1);
  }

  @Test
  void aModalSubmittedBeyondTheQueueStaysOpenSayingSoAndCanBeSubmittedAgain() throws Exception {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    SlackStandIn.OpenedView opened = baton.openedView();
    Map<String, String> fields = Map.of("env", "prod");
    fillTheQueue();

    var busy = baton.submit(Fixtures.DEPLOYER, opened, fields);

    assertThat(busy.body()).contains("\"response_action\":\"errors\"").contains("too busy");
    assertThat(refused("view")).isEqualTo(1.0);
    release.countDown();
    baton.settle();
    assertThat(openPromotionsToProd()).isZero();

    // nothing was done, so the same modal is accepted once the queue has drained
    assertThat(baton.submit(Fixtures.DEPLOYER, opened, fields).body()).isEmpty();
    baton.slack.await("the answer", s -> !s.calls("chat.postEphemeral").isEmpty());
    baton.settle();
    assertThat(openPromotionsToProd()).isEqualTo(1);
  }

  @Test
  void aClickBeyondTheQueueIsToldNothingWasDoneAndIsNotRecorded() throws Exception {
    baton.carryToSandbox(1);
    String id = baton.requestProd();
    var request = baton.reply(baton.root(Fixtures.tag(1)), "to *PROD*");
    fillTheQueue();

    var sent = baton.click(Fixtures.APPROVER_1, request, ActionIds.APPROVE);

    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.replyText()).isEqualTo(SlackOverload.BUSY);
    assertThat(refused("click")).isEqualTo(1.0);
    release.countDown();
    baton.settle();
    assertThat(approvalsOf(id)).isZero();

    assertThat(baton.click(Fixtures.APPROVER_1, request, ActionIds.APPROVE).replyText())
        .contains("is recorded: 1 of 2");
    assertThat(approvalsOf(id)).isEqualTo(1);
  }

  private long openPromotionsToProd() {
    return baton
        .core()
        .ports()
        .store()
        .read(
            r ->
                r.promotionsIn(
                    java.util.EnumSet.allOf(dev.baton.pipeline.model.PromotionState.class)))
        .stream()
        .filter(p -> p.env().equals("prod"))
        .count();
  }

  private int approvalsOf(String id) {
    return baton.core().ports().store().read(r -> r.approvals(id)).size();
  }
}
