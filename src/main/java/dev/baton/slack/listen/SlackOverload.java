package dev.baton.slack.listen;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the work after the acknowledgement cannot be taken on: the {@code slack-work}
 * queue ({@code baton.slack.work-queue}) is full. The request is not queued without bound (memory
 * would grow until the process dies, and every answer would come late); it is refused, counted as
 * {@code baton_slack_work_refused_total{kind}}, logged at most once every ten seconds, and the
 * person is told that nothing was done. A slash command carries that answer in its acknowledgement;
 * a click or a mention gets it from one small lane of its own, which drops answers when it is full
 * too (they are only courtesy: nothing was done either way).
 */
public final class SlackOverload {
  /**
   * Micrometer's name; the Prometheus registry writes it as {@code baton_slack_work_refused_total}.
   */
  public static final String METER = "baton.slack.work.refused";

  /** What a person is told when Baton refuses their request for load. */
  public static final String BUSY =
      "⏳ Baton is too busy to take this on right now, so nothing was done. Try again in a minute.";

  private static final Logger LOG = LoggerFactory.getLogger(SlackOverload.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final MeterRegistry registry;
  private final ExecutorService answers;
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong refusedSinceLog = new AtomicLong();

  /**
   * @param registry where the refusals are counted (null: not counted)
   */
  public SlackOverload(MeterRegistry registry) {
    this.registry = registry;
    this.answers = boundedPool("baton-slack-busy", 1, 64);
  }

  /**
   * The executor for the work after acknowledgements: {@code threads} threads and a FIFO queue of
   * at most {@code queue} tasks; a task beyond that is rejected with {@link
   * RejectedExecutionException}.
   */
  public static ThreadPoolExecutor boundedPool(String name, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0L,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Counts and logs one refused request of {@code kind} (command, click, mention, event). */
  void refused(String kind) {
    if (registry != null) {
      try {
        Counter.builder(METER)
            .description("Slack requests refused because the work queue was full")
            .tag("kind", kind)
            .register(registry)
            .increment();
      } catch (RuntimeException e) {
        LOG.warn("refused Slack work not counted: {}", e.toString());
      }
    }
    refusedSinceLog.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.warn(
          "Slack work queue full: refused {} request(s) in the last {}s (latest: {}); raise"
              + " baton.slack.work-queue or baton.slack.work-threads if this lasts",
          refusedSinceLog.getAndSet(0),
          (now - last) / 1_000_000_000L,
          kind);
    }
  }

  /**
   * Sends a busy answer on the overload lane; dropped (it is only a courtesy) when that is full.
   */
  void answer(Runnable send) {
    try {
      answers.execute(
          () -> {
            try {
              send.run();
            } catch (RuntimeException e) {
              LOG.warn("busy answer not delivered: {}", e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      // the lane is full as well: the person gets no answer, and nothing was done
    }
  }

  /** Stops the overload lane (the bean's pre-destroy). */
  public void close() {
    answers.shutdownNow();
  }
}
