package dev.baton.metrics;

import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts break-glass acts as {@code baton_break_glass_total{app,env,event}} (event: requested,
 * approved, override) and hands every event on to chat. It sits in front of the chat port because
 * that is where the core already tells what happened after each commit; the core stays free of
 * Micrometer.
 */
public final class BreakGlassMetrics implements Chat {
  /** Micrometer's name; the Prometheus registry writes it as {@code baton_break_glass_total}. */
  public static final String METER = "baton.break.glass";

  private final Chat next;
  private final MeterRegistry registry;

  public BreakGlassMetrics(Chat next, MeterRegistry registry) {
    this.next = next;
    this.registry = registry;
  }

  @Override
  public void publish(PipelineEvent event) {
    if (event instanceof PipelineEvent.BreakGlassUsed b) {
      try {
        Counter.builder(METER)
            .description("Break-glass promotions: requests, approvals and overrides")
            .tag("app", b.promotion().app())
            .tag("env", b.promotion().env())
            .tag("event", b.act().label())
            .register(registry)
            .increment();
      } catch (RuntimeException e) {
        // a meter must never stop chat from hearing about a break-glass act
        System.getLogger(BreakGlassMetrics.class.getName())
            .log(System.Logger.Level.WARNING, "break-glass metric not counted: " + e);
      }
    }
    next.publish(event);
  }
}
