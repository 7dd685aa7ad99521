package dev.baton.config;

import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Map;

/**
 * Starts application contexts (no HTTP server) on a private in-memory database, with nothing but
 * the given configuration: Baton's own defaults apply, the sweep's included.
 */
final class ConfigContexts {
  private ConfigContexts() {}

  static ApplicationContext run(Map<String, Object> properties) {
    return InProcessBaton.builder().withSweep().properties(properties).start().context();
  }

  static ApplicationContext run(PropertySource source) {
    return InProcessBaton.builder().withSweep().propertySource(source).start().context();
  }
}
