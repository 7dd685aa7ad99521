package dev.baton.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TracingSettingsTest {

  @ParameterizedTest(name = "exporter={0} endpoint={1} disabled={2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, -, -, false",
        "none, -, -, false",
        "none, http://collector:4318, -, false",
        "otlp, -, -, true",
        "zipkin, -, -, true",
        "-, http://collector:4318, -, true",
        "otlp, -, true, false",
        "-, http://collector:4318, TRUE, false",
        "' ', ' ', -, false"
      })
  void tracingIsOnOnlyWhenTheOtelSettingsAskForAnExporter(
      String exporter, String endpoint, String disabled, boolean enabled) {
    Map<String, String> given = new java.util.HashMap<>();
    given.put(TracingSettings.EXPORTER, exporter);
    given.put(TracingSettings.ENDPOINT, endpoint);
    given.put(TracingSettings.DISABLED, disabled);

    assertThat(TracingSettings.from(given::get).enabled()).isEqualTo(enabled);
  }

  @ParameterizedTest
  @CsvSource({"otel.exporter.otlp.traces.endpoint"})
  void aTracesOnlyEndpointTurnsTracingOnWithOtlpAndNoMetricsOrLogs(String key) {
    TracingSettings s = TracingSettings.from(Map.of(key, "http://collector:4318/v1/traces")::get);

    assertThat(s.enabled()).isTrue();
    assertThat(s.sdkDefaults())
        .containsEntry("otel.traces.exporter", "otlp")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none")
        .containsEntry("otel.service.name", "baton");
  }
}
