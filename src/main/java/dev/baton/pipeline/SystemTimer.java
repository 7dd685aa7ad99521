package dev.baton.pipeline;

import dev.baton.pipeline.port.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The production {@link Timer}: one daemon thread, delays measured on the injected clock. */
public final class SystemTimer implements Timer {
  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "baton-wake-ups");
            t.setDaemon(true);
            return t;
          });

  public SystemTimer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Scheduled at(Instant at, Runnable task) {
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    var future = executor.schedule(task, delay, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }
}
