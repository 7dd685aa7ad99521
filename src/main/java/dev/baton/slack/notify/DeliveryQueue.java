package dev.baton.slack.notify;

import dev.baton.slack.web.SlackCallFailed;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work for Slack, done by one background thread so that the core never waits for Slack. Jobs are
 * keyed: a job whose key is already waiting is not added again, so a burst of step updates for one
 * promotion becomes one {@code chat.update} of its current state. A job that fails retryably is
 * tried again later (after Slack's {@code Retry-After} for a 429, during which nothing is sent;
 * else with a backoff of up to a minute), for as long as it takes Slack to come back; the first
 * success after failures makes every backed-off job due at once.
 */
public final class DeliveryQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** One unit of work; throws {@link SlackCallFailed} to be retried or dropped. */
  public interface Job {
    void run();
  }

  /** Thrown by a job that must simply run again a little later (another replica is posting). */
  public static final class Later extends RuntimeException {
    private final Duration after;

    public Later(String why, Duration after) {
      super(why, null, false, false);
      this.after = after;
    }
  }

  private record Entry(Job job, long dueMillis) {}

  private final Map<String, Entry> waiting = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Thread worker;
  private long pausedUntil;
  private String running;
  private volatile boolean closed;
  private volatile String lastProblem;

  public DeliveryQueue(String name) {
    worker = new Thread(this::work, name);
    worker.setDaemon(true);
    worker.start();
  }

  /** Adds the job unless one with the same key is already waiting. */
  public void submit(String key, Job job) {
    submit(key, job, Duration.ZERO);
  }

  public synchronized void submit(String key, Job job, Duration delay) {
    long due = System.currentTimeMillis() + delay.toMillis();
    Entry existing = waiting.get(key);
    if (existing == null || existing.dueMillis() > due) {
      waiting.put(key, new Entry(existing == null ? job : existing.job(), due));
      notifyAll();
    }
  }

  /** Jobs waiting or running. */
  public synchronized int backlog() {
    return waiting.size() + (running == null ? 0 : 1);
  }

  /** The last failure, for {@code /health}; null after a success. */
  public String lastProblem() {
    return lastProblem;
  }

  /** Waits until nothing is waiting or running; false on timeout. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.currentTimeMillis() + timeout.toMillis();
    while (!waiting.isEmpty() || running != null) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(Math.min(left, 50));
    }
    return true;
  }

  private void work() {
    while (!closed) {
      String key;
      Job job;
      synchronized (this) {
        Map.Entry<String, Entry> next = nextDue();
        if (next == null) {
          waitForWork();
          continue;
        }
        key = next.getKey();
        job = next.getValue().job();
        waiting.remove(key);
        running = key;
      }
      try {
        job.run();
        failures.remove(key);
        if (lastProblem != null) {
          lastProblem = null;
          slackAnswersAgain();
        }
      } catch (Later l) {
        submit(key, job, l.after);
      } catch (SlackCallFailed e) {
        failed(key, job, e);
      } catch (RuntimeException e) {
        if (closed) {
          return; // shutting down: the database may be gone already
        }
        LOG.warn("Slack delivery of {} failed: {}", key, e.toString());
        lastProblem = e.getClass().getSimpleName();
        retry(key, job);
      } finally {
        synchronized (this) {
          running = null;
          notifyAll();
        }
      }
    }
  }

  private Map.Entry<String, Entry> nextDue() {
    long now = System.currentTimeMillis();
    if (now < pausedUntil) {
      return null;
    }
    Map.Entry<String, Entry> best = null;
    for (Map.Entry<String, Entry> e : waiting.entrySet()) {
      if (e.getValue().dueMillis() <= now
          && (best == null || e.getValue().dueMillis() < best.getValue().dueMillis())) {
        best = e;
      }
    }
    return best;
  }

  private void waitForWork() {
    long now = System.currentTimeMillis();
    long until = pausedUntil > now ? pausedUntil : Long.MAX_VALUE;
    for (Entry e : waiting.values()) {
      until = Math.min(until, Math.max(e.dueMillis(), pausedUntil));
    }
    try {
      wait(until == Long.MAX_VALUE ? 1000 : Math.max(1, Math.min(until - now, 1000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private void failed(String key, Job job, SlackCallFailed e) {
    lastProblem = e.getMessage();
    if (!e.retryable()) {
      LOG.warn("Slack refused {}: {}; not retrying", key, e.getMessage());
      failures.remove(key);
      return;
    }
    if (e.retryAfter() != null) {
      LOG.info("Slack rate limit on {}: pausing for {}", key, e.retryAfter());
      synchronized (this) {
        pausedUntil = System.currentTimeMillis() + e.retryAfter().toMillis();
      }
      submit(key, job, e.retryAfter());
      return;
    }
    LOG.info("Slack delivery of {} failed ({}); will retry", key, e.getMessage());
    retry(key, job);
  }

  /**
   * Slack answered after failures: the jobs waiting out a backoff are due now, so that the threads
   * catch up as soon as Slack is back rather than up to a minute later.
   */
  private synchronized void slackAnswersAgain() {
    long now = System.currentTimeMillis();
    for (String key : failures.keySet()) {
      Entry e = waiting.get(key);
      if (e != null && e.dueMillis() > now) {
        waiting.put(key, new Entry(e.job(), now));
      }
    }
    failures.clear();
    notifyAll();
  }

  private void retry(String key, Job job) {
    int n = failures.merge(key, 1, Integer::sum);
    long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(n - 1, 6));
    submit(key, job, Duration.ofSeconds(seconds));
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
  }
}
