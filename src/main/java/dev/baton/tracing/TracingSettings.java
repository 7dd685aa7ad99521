package dev.baton.tracing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether promotions are traced, decided by the standard OpenTelemetry settings ({@code otel.*}
 * properties, {@code OTEL_*} environment variables): on when {@code otel.traces.exporter} names an
 * exporter other than {@code none}, or when an OTLP endpoint is set; off otherwise, and always off
 * with {@code otel.sdk.disabled=true}. Off by default: unlike the SDK's own default (OTLP to
 * localhost), nothing is exported unless asked for.
 */
record TracingSettings(boolean enabled, Map<String, String> sdkDefaults) {
  static final String EXPORTER = "otel.traces.exporter";
  static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  static final String DISABLED = "otel.sdk.disabled";

  /** Reads the settings through {@code setting} (a key to its value, or null when unset). */
  static TracingSettings from(Function<String, String> setting) {
    String exporter = trimmed(setting.apply(EXPORTER));
    boolean endpoint =
        trimmed(setting.apply(ENDPOINT)) != null || trimmed(setting.apply(TRACES_ENDPOINT)) != null;
    boolean enabled =
        !"true".equalsIgnoreCase(trimmed(setting.apply(DISABLED)))
            && (exporter == null ? endpoint : !exporter.equals("none"));
    return new TracingSettings(enabled, defaults(exporter));
  }

  /**
   * What Baton sets unless the operator does: its service name, OTLP for traces, and no metrics or
   * logs through OpenTelemetry (metrics are Prometheus's, logs are logback's).
   */
  private static Map<String, String> defaults(String exporter) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("otel.service.name", "baton");
    d.put(EXPORTER, exporter == null ? "otlp" : exporter);
    d.put("otel.metrics.exporter", "none");
    d.put("otel.logs.exporter", "none");
    return d;
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
