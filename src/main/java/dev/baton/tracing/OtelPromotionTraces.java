package dev.baton.tracing;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.port.PromotionTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.Locale;

/**
 * Promotions as OpenTelemetry traces: the root span covers request to outcome; approvals, every
 * step attempt, resumptions and the outcome are its children. Children name the persisted root as a
 * remote parent ({@link SpanContext#createFromRemoteParent}), so a step run by another replica
 * after a crash joins the same trace.
 */
public final class OtelPromotionTraces implements PromotionTraces {
  private final Tracer tracer;
  private final PresetIds ids;

  OtelPromotionTraces(Tracer tracer, PresetIds ids) {
    this.tracer = tracer;
    this.ids = ids;
  }

  @Override
  public String begin() {
    return ids.newTrace();
  }

  @Override
  public void approved(Promotion p, String approver, int approvals, int required, Instant at) {
    if (p.trace() == null) {
      return;
    }
    child(p, "approval", at)
        .setAttribute("baton.approver", approver)
        .setAttribute("baton.approvals", approvals)
        .setAttribute("baton.approvals.required", required)
        .startSpan()
        .end(at);
  }

  @Override
  public void step(
      Promotion p, Step step, String outcome, String detail, Instant start, Instant end) {
    if (p.trace() == null) {
      return;
    }
    Span span =
        child(p, "step " + step.name(), start)
            .setAttribute("baton.step", step.name())
            .setAttribute("baton.step.outcome", outcome)
            .setAttribute("baton.step.attempt", Math.max(1, p.attempts()))
            .startSpan();
    if (detail != null) {
      span.setAttribute("baton.step.detail", detail);
    }
    if (outcome.equals("failed")) {
      span.setStatus(StatusCode.ERROR, detail == null ? "failed" : detail);
    }
    span.end(end);
  }

  @Override
  public void resumed(Promotion p, String runner, String cause, Instant at) {
    if (p.trace() == null) {
      return;
    }
    child(p, "resumed", at)
        .setAttribute("baton.runner", runner)
        .setAttribute("baton.resume.cause", cause)
        .startSpan()
        .end(at);
  }

  @Override
  public void ended(Promotion p, Instant at) {
    if (p.trace() == null) {
      return;
    }
    outcome(child(p, "outcome", at), p).startSpan().end(at);
    Instant start = p.requestedAt() == null ? at : p.requestedAt();
    Span root =
        ids.as(
            p.traceId(),
            rootSpanId(p),
            () -> outcome(named(p, rootName(p), start).setNoParent(), p).startSpan());
    if (failed(p)) {
      root.setStatus(StatusCode.ERROR, p.reason() == null ? p.state().name() : p.reason());
    }
    root.end(at);
  }

  private SpanBuilder outcome(SpanBuilder span, Promotion p) {
    span.setAttribute(SpanAttributes.DEPLOYMENT_STATUS, SpanAttributes.status(p.state()))
        .setAttribute("baton.promotion.state", p.state().name());
    if (p.reason() != null) {
      span.setAttribute("baton.reason", p.reason());
    }
    if (p.failedStep() != null) {
      span.setAttribute("baton.failed_step", p.failedStep().name());
    }
    return span;
  }

  private SpanBuilder child(Promotion p, String name, Instant start) {
    SpanContext root =
        SpanContext.createFromRemoteParent(
            p.traceId(), rootSpanId(p), TraceFlags.getSampled(), TraceState.getDefault());
    return named(p, name, start).setParent(Context.root().with(Span.wrap(root)));
  }

  private SpanBuilder named(Promotion p, String name, Instant start) {
    SpanBuilder span = tracer.spanBuilder(name).setStartTimestamp(start);
    SpanAttributes.promotion(p).forEach(span::setAttribute);
    return span;
  }

  private static String rootName(Promotion p) {
    return p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + p.app();
  }

  private static String rootSpanId(Promotion p) {
    return p.trace().substring(p.trace().indexOf('-') + 1);
  }

  private static boolean failed(Promotion p) {
    return p.state() == PromotionState.FAILED || p.state() == PromotionState.ROLLED_BACK;
  }
}
