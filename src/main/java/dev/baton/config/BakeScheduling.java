package dev.baton.config;

import dev.baton.pipeline.PipelineCore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the metric-gated bake's watcher every 5 s; each record is evaluated at its own due time
 * (every {@code analysis.interval}), so the tick only bounds how late an evaluation may be. Without
 * an environment with {@code analysis.bake: true} a tick returns at once, without touching the
 * store. Off with the rest of the periodic work ({@code baton.runner.sweep-enabled: false}).
 */
@Singleton
@Requires(property = "baton.runner.sweep-enabled", notEquals = "false")
public class BakeScheduling {
  private static final Logger LOG = LoggerFactory.getLogger(BakeScheduling.class);
  private final PipelineCore core;

  public BakeScheduling(PipelineCore core) {
    this.core = core;
  }

  @Scheduled(fixedDelay = "5s", initialDelay = "10s")
  void watch() {
    if (!core.bakes().active()) {
      return;
    }
    try {
      core.bakes().watch();
    } catch (RuntimeException e) {
      LOG.warn("metric-gated bake evaluation failed: {}", e.toString());
    }
  }
}
