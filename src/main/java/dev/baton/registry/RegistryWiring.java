package dev.baton.registry;

import dev.baton.config.AppProperties;
import dev.baton.pipeline.port.Registry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The {@link Registry} bean: a {@link RegistryRouter} over the configured registries. It is {@link
 * Secondary} so that a test (or another module) that registers its own {@code Registry} wins. It is
 * created when the server starts, so that a registry configuration problem stops startup instead of
 * the first promotion.
 */
@Factory
public class RegistryWiring {

  @Singleton
  @Secondary
  @Bean(preDestroy = "close")
  RegistryRouter registry(
      List<RegistryProperties> registries,
      List<AppProperties> apps,
      Environment environment,
      JsonMapper json) {
    return RegistryAdapters.build(registries, apps, environment, json);
  }

  /** Resolves the {@link Registry} when the HTTP server starts; its problems stop the start. */
  @Singleton
  static class StartupCheck implements ApplicationEventListener<ServerStartupEvent> {
    private final BeanProvider<Registry> registry;

    StartupCheck(BeanProvider<Registry> registry) {
      this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
      registry.get();
    }
  }
}
