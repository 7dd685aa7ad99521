package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.slack.notify.DeliveryQueue;
import dev.baton.slack.web.SlackCallFailed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery queue: coalescing, Retry-After, retries until Slack is back, terminal drops. */
class DeliveryQueueTest {
  final DeliveryQueue queue = new DeliveryQueue("test-delivery");

  @AfterEach
  void close() {
    queue.close();
  }

  @Test
  void manyUpdatesForOneMessageWhileBusyRunOnce() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    queue.submit(
        "blocker",
        () -> {
          started.countDown();
          await(busy);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      queue.submit("promotion:p1", runs::incrementAndGet);
    }
    busy.countDown();
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void aRateLimitPausesEverySendForRetryAfter() throws Exception {
    List<Long> times = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    long start = System.currentTimeMillis();
    queue.submit(
        "a",
        () -> {
          times.add(System.currentTimeMillis() - start);
          if (attempts.incrementAndGet() == 1) {
            throw new SlackCallFailed("chat.update", "ratelimited", true, Duration.ofSeconds(1));
          }
        });
    Thread.sleep(100);
    List<Long> other = new CopyOnWriteArrayList<>();
    queue.submit("b", () -> other.add(System.currentTimeMillis() - start));
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(times).hasSize(2);
    assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(950);
    assertThat(other.get(0)).isGreaterThanOrEqualTo(950);
  }

  @Test
  void retryableFailuresAreRetriedUntilSlackAnswers() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    queue.submit(
        "k",
        () -> {
          if (attempts.incrementAndGet() < 3) {
            throw new SlackCallFailed("chat.postMessage", "service_unavailable", true, null);
          }
        });
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(queue.lastProblem()).isNull();
  }

  @Test
  void aTerminalFailureIsDroppedNotRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    queue.submit(
        "k",
        () -> {
          attempts.incrementAndGet();
          throw new SlackCallFailed("chat.postMessage", "channel_not_found", false, null);
        });
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    Thread.sleep(300);
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(queue.lastProblem()).contains("channel_not_found");
  }

  @Test
  void aJobAskingForLaterRunsAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    queue.submit(
        "k",
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw new DeliveryQueue.Later("posted elsewhere", Duration.ofMillis(100));
          }
        });
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(attempts.get()).isEqualTo(2);
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theFirstSuccessAfterAnOutageMakesBackedOffJobsDueAtOnce() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean slackUp =
        new java.util.concurrent.atomic.AtomicBoolean();
    AtomicInteger tries = new AtomicInteger();
    CountDownLatch delivered = new CountDownLatch(1);
    queue.submit(
        "promotion:p1",
        () -> {
          tries.incrementAndGet();
          if (!slackUp.get()) {
            throw new SlackCallFailed("chat.update", "service_unavailable", true, null);
          }
          delivered.countDown();
        });
    long end = System.currentTimeMillis() + 10_000;
    while (tries.get() < 3 && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(tries.get()).as("failed after 0, 1 and 2 s; the next try is 4 s away").isEqualTo(3);
    slackUp.set(true);
    queue.submit("release:credreg:1", () -> {}); // Slack answers this one

    assertThat(delivered.await(1500, TimeUnit.MILLISECONDS))
        .as("delivered once Slack answered, not after its backoff")
        .isTrue();
  }
}
