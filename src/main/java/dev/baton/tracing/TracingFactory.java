package dev.baton.tracing;

import dev.baton.pipeline.port.PromotionTraces;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promotion traces the core records into: {@link PromotionTraces#OFF} unless the OpenTelemetry
 * settings ask for an exporter ({@link TracingSettings}); then an SDK configured by OpenTelemetry's
 * autoconfiguration from {@code OTEL_*} environment variables, {@code -Dotel.*} system properties
 * and {@code otel.*} keys of Baton's configuration, flushed when Baton stops.
 */
@Factory
public class TracingFactory {
  private static final Logger LOG = LoggerFactory.getLogger(TracingFactory.class);
  static final String SCOPE = "dev.baton";

  @Singleton
  @Bean(preDestroy = "close")
  TracingSdk tracingSdk(Environment environment) {
    TracingSettings settings =
        TracingSettings.from(key -> environment.getProperty(key, String.class).orElse(null));
    if (!settings.enabled()) {
      return new TracingSdk(null, PromotionTraces.OFF);
    }
    Map<String, String> properties = new HashMap<>(settings.sdkDefaults());
    environment
        .getProperties("otel", StringConvention.RAW)
        .forEach((k, v) -> properties.put("otel." + k, String.valueOf(v)));
    PresetIds ids = new PresetIds();
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> properties)
            .addTracerProviderCustomizer((builder, config) -> builder.setIdGenerator(ids))
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    LOG.info("promotions are traced: exporter {}", properties.get(TracingSettings.EXPORTER));
    return new TracingSdk(sdk, new OtelPromotionTraces(sdk.getTracer(SCOPE), ids));
  }

  @Singleton
  PromotionTraces promotionTraces(TracingSdk sdk) {
    return sdk.traces();
  }

  /** The SDK (null when tracing is off) and the traces recorded through it. */
  public record TracingSdk(OpenTelemetrySdk sdk, PromotionTraces traces) {
    public void close() {
      if (sdk != null) {
        sdk.close(); // flushes the spans still batched
      }
    }
  }
}
