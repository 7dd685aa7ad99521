package dev.baton.config;

import dev.baton.pipeline.PipelineCore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes unfinished promotions when the server starts and arms the wake-ups (bake ends, freeze
 * ends, expiries and reminders at their instant); sweeps periodically as a safety net: takeovers of
 * promotions whose runner died, anything a lost wake-up left undone.
 */
@Singleton
@Requires(property = "baton.runner.sweep-enabled", notEquals = "false")
public class PromotionScheduling {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionScheduling.class);
  private final PipelineCore core;

  public PromotionScheduling(PipelineCore core) {
    this.core = core;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    sweep();
    core.wakeUps().start();
  }

  /** Graceful shutdown: running steps finish and persist, then their leases are handed over. */
  @PreDestroy
  void stop() {
    core.wakeUps().stop();
    if (!core.runner().shutdown(Duration.ofSeconds(20))) {
      LOG.warn("shutdown: some promotion steps were still running; their leases will expire");
    }
  }

  @Scheduled(fixedDelay = "${baton.runner.sweep-interval:15s}", initialDelay = "15s")
  void sweep() {
    try {
      core.sweeper().sweep();
    } catch (RuntimeException e) {
      LOG.warn("sweep failed: {}", e.toString());
    }
  }
}
