package dev.baton.metrics;

import static dev.baton.testing.Builders.aPromotion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.RecordingChat;
import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineEvent.BreakGlassAct;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Break-glass acts are counted by app, environment and event, and every event reaches chat. */
class BreakGlassMetricsTest {
  @Test
  void eachActIsCountedByAppEnvAndEventAndEveryEventIsHandedOn() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RecordingChat chat = new RecordingChat();
    BreakGlassMetrics metrics = new BreakGlassMetrics(chat, registry);
    Promotion p = aPromotion().toEnv("prod").build().withBreakGlass(BreakGlass.of("INC-1", null));

    metrics.publish(new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.REQUESTED, "U1", "x"));
    metrics.publish(new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.APPROVED, "U2", "x"));
    metrics.publish(new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.APPROVED, "U3", "x"));
    metrics.publish(new PipelineEvent.PromotionChanged(p, "U1", "requested"));

    assertThat(count(registry, "approved")).isEqualTo(2.0);
    assertThat(count(registry, "requested")).isEqualTo(1.0);
    assertThat(registry.find(BreakGlassMetrics.METER).tag("event", "override").counter()).isNull();
    assertThat(chat.events()).hasSize(4);
  }

  private static double count(SimpleMeterRegistry registry, String event) {
    return registry
        .get(BreakGlassMetrics.METER)
        .tags("app", "credreg", "env", "prod", "event", event)
        .counter()
        .count();
  }
}
