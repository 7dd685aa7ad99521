package dev.baton.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Starts application contexts (no HTTP server) on a private in-memory database. */
final class ConfigContexts {
  private ConfigContexts() {}

  static Map<String, Object> database() {
    return Map.of(
        "datasources.default.url",
        "jdbc:h2:mem:cfg"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "datasources.default.username",
        "sa",
        "datasources.default.password",
        "");
  }

  static ApplicationContext run(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(database());
    all.putAll(properties);
    return ApplicationContext.run(all);
  }

  static ApplicationContext run(PropertySource source) {
    return ApplicationContext.builder().propertySources(source).properties(database()).start();
  }
}
