package dev.baton.pipeline;

import dev.baton.pipeline.guard.AuthorizationGuard;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.Chat;
import dev.baton.pipeline.port.Cluster;
import dev.baton.pipeline.port.Directory;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.ManifestRepository;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineStore;
import dev.baton.pipeline.port.PromotionTraces;
import dev.baton.pipeline.port.Registry;
import dev.baton.pipeline.port.SmokeChecker;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Everything the core's services work with: the configuration, the ports and the time.
 *
 * @param metrics Prometheus queries of the metric analysis; {@link Metrics#NONE} without any
 */
public record PipelinePorts(
    Pipeline pipeline,
    PipelineStore store,
    Registry registry,
    Cluster cluster,
    SmokeChecker smoke,
    Chat chat,
    Directory directory,
    Clock clock,
    Supplier<String> ids,
    PromotionTraces traces,
    ManifestRepository manifests,
    Metrics metrics) {

  public PipelinePorts {
    metrics = metrics == null ? Metrics.NONE : metrics;
  }

  /** The ports without tracing, GitOps environments or metric analysis. */
  public PipelinePorts(
      Pipeline pipeline,
      PipelineStore store,
      Registry registry,
      Cluster cluster,
      SmokeChecker smoke,
      Chat chat,
      Directory directory,
      Clock clock,
      Supplier<String> ids) {
    this(
        pipeline,
        store,
        registry,
        cluster,
        smoke,
        chat,
        directory,
        clock,
        ids,
        PromotionTraces.OFF,
        ManifestRepository.NONE,
        Metrics.NONE);
  }

  public AuthorizationGuard authorization() {
    return new AuthorizationGuard(directory);
  }

  public AppDefinition app(String name) {
    return pipeline
        .app(name)
        .orElseThrow(
            () ->
                Refusal.notFound(
                    "unknown app "
                        + quote(name)
                        + "; configured apps: "
                        + String.join(", ", pipeline.apps().keySet())));
  }

  public EnvironmentDefinition env(String name) {
    return pipeline
        .env(name)
        .orElseThrow(
            () ->
                Refusal.notFound(
                    "unknown environment "
                        + quote(name)
                        + "; the chain is "
                        + String.join(
                            " → ",
                            pipeline.environments().stream()
                                .map(EnvironmentDefinition::name)
                                .toList())));
  }

  public ImageRepository repositoryOf(AppDefinition app, Workload workload) {
    return new ImageRepository(app.registry(), workload.repository());
  }

  /** Tells chat (and the promotion's trace), never letting their failure reach the caller. */
  public void tell(PipelineEvent event) {
    trace(() -> traceOf(event));
    try {
      chat.publish(event);
    } catch (RuntimeException e) {
      System.getLogger(PipelinePorts.class.getName())
          .log(System.Logger.Level.WARNING, "chat notification failed: " + e.getMessage());
    }
  }

  /** Records a step's attempt in the promotion's trace; a tracing failure never stops it. */
  public void traceStep(
      Promotion p, Step step, String outcome, String detail, Instant start, Instant end) {
    trace(() -> traces.step(p, step, outcome, detail, start, end));
  }

  // Approvals, resumptions and ends are traced from the events told after their commit.
  private void traceOf(PipelineEvent event) {
    Instant now = clock.instant();
    if (event instanceof PipelineEvent.ApprovalAdded a) {
      traces.approved(a.promotion(), a.approver(), a.approvals(), a.required(), now);
    } else if (event instanceof PipelineEvent.PromotionResumed r) {
      traces.resumed(r.promotion(), r.runner(), r.cause(), now);
    } else if (event instanceof PipelineEvent.PromotionChanged c
        && c.promotion().state().terminal()) {
      traces.ended(c.promotion(), now);
    }
  }

  private static void trace(Runnable record) {
    try {
      record.run();
    } catch (RuntimeException e) {
      System.getLogger(PipelinePorts.class.getName())
          .log(System.Logger.Level.WARNING, "tracing failed: " + e.getMessage());
    }
  }

  private static String quote(String s) {
    return "\"" + (s == null ? "" : s) + "\"";
  }
}
