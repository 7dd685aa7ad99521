package dev.baton.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * Random ids, except while {@link #as} builds a promotion's root span: that span is recorded when
 * the promotion ends, possibly in another process than the one that began the trace, and must carry
 * the trace id and span id persisted at the request, which its children already name as their
 * parent.
 */
final class PresetIds implements IdGenerator {
  private final IdGenerator random = IdGenerator.random();
  private final ThreadLocal<String[]> preset = new ThreadLocal<>();

  @Override
  public String generateSpanId() {
    String[] ids = preset.get();
    return ids == null ? random.generateSpanId() : ids[1];
  }

  @Override
  public String generateTraceId() {
    String[] ids = preset.get();
    return ids == null ? random.generateTraceId() : ids[0];
  }

  /** A new trace's identity, {@code <trace id>-<root span id>}. */
  String newTrace() {
    return random.generateTraceId() + "-" + random.generateSpanId();
  }

  /** Runs {@code build} with the ids the SDK generates on this thread fixed. */
  <T> T as(String traceId, String spanId, Supplier<T> build) {
    preset.set(new String[] {traceId, spanId});
    try {
      return build.get();
    } finally {
      preset.remove();
    }
  }
}
