package dev.baton.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, is sent
 * then whether or not earlier ones were answered, and its latency counts from when it was due, not
 * from when it was sent (no coordinated omission: a stalled server or a late sender shows up as
 * latency). The first {@code warmUp} of requests are sent but not counted.
 */
final class OpenLoop {
  /** What one run measured (latencies of the counted requests, answered or not). */
  record Result(
      Latencies latencies,
      int sent,
      int non2xx,
      int timeouts,
      int failures,
      int late,
      int first,
      int total,
      long startEpochMillis,
      long periodNanos) {
    /** When request {@code i} was due, in epoch milliseconds. */
    long dueMillis(int i) {
      return startEpochMillis + i * periodNanos / 1_000_000;
    }

    Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>(latencies.summary());
      m.put("requests", sent);
      m.put("errors", non2xx + timeouts + failures);
      m.put("non2xx", non2xx);
      m.put("timeouts", timeouts);
      m.put("lateSends", late);
      return m;
    }
  }

  private OpenLoop() {}

  /**
   * @param request builds (and signs, at send time) request {@code i}
   * @param timeout a request not answered by then counts as an error with this latency
   */
  static Result run(
      HttpClient http,
      IntFunction<HttpRequest> request,
      int rate,
      Duration warmUp,
      Duration measured,
      Duration timeout)
      throws InterruptedException {
    long period = 1_000_000_000L / rate;
    int first = (int) (warmUp.toNanos() / period);
    int total = first + (int) (measured.toNanos() / period);
    Latencies latencies = new Latencies();
    AtomicInteger non2xx = new AtomicInteger();
    AtomicInteger timeouts = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    int late = 0;
    ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime() + 50_000_000L;
    long startEpochMillis = System.currentTimeMillis() + 50;
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (wait < -period && i >= first) {
        late++;
      }
      boolean counted = i >= first;
      CompletableFuture<?> f =
          http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
              .handle(
                  (r, e) -> {
                    long micros = (System.nanoTime() - due) / 1000;
                    if (!counted) {
                      return null;
                    }
                    if (e != null) {
                      Throwable cause =
                          e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                      (cause instanceof HttpTimeoutException ? timeouts : failures)
                          .incrementAndGet();
                      micros = Math.max(micros, timeout.toNanos() / 1000);
                    } else if (r.statusCode() / 100 != 2) {
                      non2xx.incrementAndGet();
                    }
                    latencies.add(micros);
                    return null;
                  });
      pending.add(f);
      if (pending.size() > 1000) {
        pending.removeIf(CompletableFuture::isDone);
      }
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("requests still unanswered after the run", e);
    }
    return new Result(
        latencies,
        total - first,
        non2xx.get(),
        timeouts.get(),
        failures.get(),
        late,
        first,
        total,
        startEpochMillis,
        period);
  }
}
