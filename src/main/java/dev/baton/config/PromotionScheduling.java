package dev.baton.config;

import dev.baton.pipeline.PipelineCore;
import dev.baton.store.WakeUpListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
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
  private final RunnerSettings settings;
  private final WakeUpListener listener;
  private volatile boolean stopping;

  /**
   * @param listener the PostgreSQL wake-up listener, or null on H2
   */
  public PromotionScheduling(
      PipelineCore core, RunnerSettings settings, @Nullable WakeUpListener listener) {
    this.core = core;
    this.settings = settings;
    this.listener = listener;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    sweep();
    core.wakeUps().start();
    if (listener != null) {
      listener.start(core.wakeUps()::rearm);
    }
  }

  /**
   * Graceful shutdown: steps that only wait are abandoned, the others finish and persist, then
   * every lease is handed over so that another replica resumes at once.
   */
  @PreDestroy
  void stop() {
    stopping = true;
    core.wakeUps().stop();
    if (!core.runner().shutdown(settings.shutdownGrace())) {
      LOG.warn(
          "shutdown: some promotion steps were still running after {} ({}); their leases will"
              + " expire",
          settings.shutdownGrace(),
          RunnerSettings.PREFIX + ".shutdown-grace");
    }
  }

  @Scheduled(fixedDelay = "${baton.runner.sweep-interval:15s}", initialDelay = "15s")
  void sweep() {
    if (stopping) {
      return;
    }
    try {
      core.sweeper().sweep();
    } catch (RuntimeException e) {
      LOG.warn("sweep failed: {}", e.toString());
    }
  }
}
