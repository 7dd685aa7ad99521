package dev.baton.metrics;

import dev.baton.config.EnvironmentProperties;
import dev.baton.config.EnvironmentProperties.AnalysisProperties.PrometheusProperties;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.port.Metrics;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Metrics} bean: one Prometheus client per environment where some app has checks (the
 * environment's or its own). {@link Secondary}, so a test's own {@code Metrics} wins. When the HTTP
 * server starts, every check's query is sent once ({@link DryEvaluation}): a query Prometheus
 * refuses stops the start naming its key.
 */
@Factory
public class MetricsWiring {

  @Singleton
  @Secondary
  Metrics metrics(List<EnvironmentProperties> environments, Pipeline pipeline) {
    Map<String, PrometheusClient> clients = new LinkedHashMap<>();
    HttpClient http = null; // one client for every Prometheus, made only when one is configured
    for (EnvironmentProperties env : environments) {
      PrometheusProperties p = env.analysis().prometheus();
      // an app's own checks use its environment's Prometheus, even where the environment has none
      if (pipeline.hasChecksIn(env.name()) && p.url() != null) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .version(HttpClient.Version.HTTP_1_1)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
        }
        clients.put(
            env.name(),
            new PrometheusClient(p.url(), authorization(p), http, PrometheusClient.TIMEOUT));
      }
    }
    return new PrometheusMetrics(clients);
  }

  private static String authorization(PrometheusProperties p) {
    var basic = p.basicAuth();
    if (basic != null && basic.username() != null) {
      return PrometheusClient.basic(basic.username(), basic.password());
    }
    return PrometheusClient.bearer(p.bearerToken());
  }

  /** Sends each check's query once when the server starts. */
  @Singleton
  static class StartupCheck implements ApplicationEventListener<ServerStartupEvent> {
    private final BeanProvider<Metrics> metrics;
    private final BeanProvider<Pipeline> pipeline;

    StartupCheck(BeanProvider<Metrics> metrics, BeanProvider<Pipeline> pipeline) {
      this.metrics = metrics;
      this.pipeline = pipeline;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
      DryEvaluation.check(pipeline.get(), metrics.get());
    }
  }
}
