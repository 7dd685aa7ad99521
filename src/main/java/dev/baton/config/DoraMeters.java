package dev.baton.config;

import dev.baton.pipeline.dora.DoraQueries;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus meters fed by the core's events (the chat port, observed): {@code
 * baton_deployments_total{app,env,kind,outcome}}, {@code baton_lead_time_seconds}, {@code
 * baton_restore_time_seconds} and {@code baton_promotion_step_seconds{step}}. A step is timed from
 * its "started" event to the event that moves the promotion past it, on the replica that ran it; a
 * step that waits is timed from its last start.
 */
public final class DoraMeters {
  private static final Logger LOG = LoggerFactory.getLogger(DoraMeters.class);
  private static final Set<PromotionState> RAN =
      Set.of(PromotionState.SUCCEEDED, PromotionState.FAILED, PromotionState.ROLLED_BACK);
  private static final int REMEMBERED = 10_000;

  private final MeterRegistry registry;
  private final DoraQueries dora;
  private final PipelineStore store;
  private final Clock clock;
  private final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();
  // A promotion's end is told once per replica, but guard against a repeated telling.
  private final Set<String> counted =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  public DoraMeters(MeterRegistry registry, DoraQueries dora, PipelineStore store, Clock clock) {
    this.registry = registry;
    this.dora = dora;
    this.store = store;
    this.clock = clock;
  }

  /** The chat port that also counts what it is told. */
  public Chat observing(Chat chat) {
    return event -> {
      chat.publish(event);
      try {
        record(event);
      } catch (RuntimeException e) {
        LOG.warn("metrics not recorded for {}: {}", event.getClass().getSimpleName(), e.toString());
      }
    };
  }

  void record(PipelineEvent event) {
    if (event instanceof PipelineEvent.StepChanged s) {
      stepChanged(s.promotion(), s.step(), s.message());
    } else if (event instanceof PipelineEvent.PromotionChanged c) {
      promotionChanged(c.promotion());
    }
  }

  private void stepChanged(Promotion p, Step step, String message) {
    String key = p.id() + "/" + step;
    if (p.step() == step) {
      if ("started".equals(message)) {
        stepStarts.put(key, clock.instant());
      }
      return; // progress within the step
    }
    Instant start = stepStarts.remove(key);
    if (start != null) {
      Timer.builder("baton.promotion.step")
          .description("Time per promotion plan step, from its start to its outcome")
          .tag("step", step.name().toLowerCase(Locale.ROOT))
          .publishPercentileHistogram()
          .register(registry)
          .record(Duration.between(start, clock.instant()));
    }
  }

  private void promotionChanged(Promotion p) {
    if (!RAN.contains(p.state()) || !counted.add(p.id())) {
      return;
    }
    stepStarts.keySet().removeIf(k -> k.startsWith(p.id() + "/"));
    Counter.builder("baton.deployments")
        .description("Promotions, auto-deploys and rollbacks that ran, by outcome")
        .tag("app", p.app())
        .tag("env", p.env())
        .tag("kind", p.kind().name().toLowerCase(Locale.ROOT))
        .tag("outcome", p.state().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    if (p.state() != PromotionState.SUCCEEDED) {
      return;
    }
    Instant at = p.updatedAt() == null ? clock.instant() : p.updatedAt();
    if (p.kind() != PromotionKind.ROLLBACK) {
      leadTime(p, at)
          .ifPresent(d -> histogram("baton.lead.time", "Commit to deployment").record(d));
    }
    dora.restoredBy(p.app(), p.env(), at)
        .ifPresent(d -> histogram("baton.restore.time", "Failure to the next success").record(d));
  }

  private Optional<Duration> leadTime(Promotion p, Instant at) {
    return store
        .read(r -> r.release(p.app(), p.releaseTag()))
        .map(r -> r.committedAt() != null ? r.committedAt() : r.registeredAt())
        .map(start -> Duration.between(start, at))
        .filter(d -> !d.isNegative());
  }

  private Timer histogram(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofDays(60))
        .register(registry);
  }
}
