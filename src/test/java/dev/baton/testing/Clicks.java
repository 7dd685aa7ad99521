package dev.baton.testing;

import dev.baton.pipeline.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Many clicks released at the same instant on a thread pool, as people and replicas make them. */
public final class Clicks {
  private Clicks() {}

  /**
   * Runs {@code click} for 0 … n-1 on {@code pool}, all released at once, and waits up to 30 s for
   * every one; a click that is refused (already approved, running, ended) changes nothing.
   */
  public static void atOnce(ExecutorService pool, int n, IntConsumer click) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> clicks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      clicks.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  click.accept(index);
                } catch (Refusal expected) {
                  // the click changes nothing
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : clicks) {
      f.get(30, TimeUnit.SECONDS);
    }
  }
}
