package dev.baton.testing;

import dev.baton.pipeline.model.AuditChain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Baton booted in the test's JVM: a Micronaut context over a private in-memory H2 (or the given
 * database), in environment {@code test}, with the periodic sweep off, optionally serving HTTP on a
 * random port.
 *
 * <pre>{@code
 * try (InProcessBaton baton =
 *     InProcessBaton.builder().world(TestWorld.credreg()).singletons(fakeRegistry).start()) {
 *   PipelineCore core = baton.bean(PipelineCore.class);
 * }
 * }</pre>
 */
public final class InProcessBaton implements AutoCloseable {
  /** The flags that make H2 speak Baton's SQL as PostgreSQL does. */
  public static final String H2_FLAGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  /** Baton's tables, children before parents. */
  private static final List<String> TABLES =
      List.of(
          "wake_up",
          "audit_event",
          "promotion_step",
          "lease",
          "env_freeze",
          "approval",
          "promotion",
          "deployment",
          "release",
          "bake_health");

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private InProcessBaton(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A private in-memory H2 database's URL. */
  public static String h2Memory() {
    return "jdbc:h2:mem:baton-" + UUID.randomUUID() + H2_FLAGS;
  }

  /** An H2 database in {@code file} (plus H2's suffix), which outlives the context. */
  public static String h2File(Path file) {
    return "jdbc:h2:file:" + file + H2_FLAGS;
  }

  public ApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The HTTP server; only when the builder asked for {@link Builder#withServer()}. */
  public EmbeddedServer server() {
    if (server == null) {
      throw new IllegalStateException("this Baton was started without its HTTP server");
    }
    return server;
  }

  /** {@code http://127.0.0.1:<port><pathAndQuery>} on the HTTP server. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server().getPort() + pathAndQuery);
  }

  /**
   * Empties Baton's tables and puts the audit chain back at its start, so that the next run on the
   * same database starts from nothing.
   */
  @SuppressWarnings("unchecked")
  public static void emptyTables(ApplicationContext context) {
    TransactionOperations<Connection> tx =
        context.getBean(Argument.of(TransactionOperations.class, Connection.class));
    tx.executeWrite(
        status -> {
          try (Statement s = status.getConnection().createStatement()) {
            for (String table : TABLES) {
              s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate(
                "UPDATE audit_head SET seq = 0, hash = '" + AuditChain.GENESIS + "' WHERE id = 1");
          }
          return null;
        });
  }

  @Override
  public void close() {
    context.close();
  }

  /** What to boot; each call adds to (or, for a key, replaces) what was set before. */
  public static final class Builder {
    private final Map<String, Object> database = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<PropertySource> sources = new ArrayList<>();
    private final List<Object> singletons = new ArrayList<>();
    private final List<String> environments = new ArrayList<>(List.of("test"));
    private boolean server;

    private Builder() {
      database(h2Memory(), "sa", "");
      properties.put("baton.runner.sweep-enabled", false);
    }

    /** Another database than the private in-memory H2 (e.g. PostgreSQL's schema URL). */
    public Builder database(String url, String user, String password) {
      database.put("datasources.default.url", url);
      database.put("datasources.default.username", user);
      database.put("datasources.default.password", password);
      return this;
    }

    /** The world's pipeline, as {@code baton.*} properties. */
    public Builder world(TestWorld world) {
      return properties(world.properties());
    }

    public Builder property(String key, Object value) {
      properties.put(key, value);
      return this;
    }

    public Builder properties(Map<String, ?> values) {
      properties.putAll(values);
      return this;
    }

    /** A source read as well, e.g. a YAML file's or environment variables'. */
    public Builder propertySource(PropertySource source) {
      sources.add(source);
      return this;
    }

    /** Beans that replace Baton's own of their type (fakes, a clock). */
    public Builder singletons(Object... beans) {
      singletons.addAll(List.of(beans));
      return this;
    }

    /** Micronaut environments besides {@code test}. */
    public Builder environments(String... names) {
      environments.addAll(List.of(names));
      return this;
    }

    /** Leaves the periodic sweep as the configuration says (on by default) instead of off. */
    public Builder withSweep() {
      properties.remove("baton.runner.sweep-enabled");
      return this;
    }

    /** Serve HTTP on a random port once started. */
    public Builder withServer() {
      server = true;
      properties.putIfAbsent("micronaut.server.port", -1);
      return this;
    }

    /** Starts the context (and the HTTP server if asked for). */
    public InProcessBaton start() {
      ApplicationContext context = context().start();
      if (!server) {
        return new InProcessBaton(context, null);
      }
      try {
        return new InProcessBaton(context, context.getBean(EmbeddedServer.class).start());
      } catch (RuntimeException e) {
        context.close();
        throw e;
      }
    }

    /**
     * Only the configuration environment, started, with no bean created: for tests of how settings
     * are read. The caller stops it.
     */
    public Environment environment() {
      return context().build().getEnvironment().start();
    }

    private ApplicationContextBuilder context() {
      Map<String, Object> all = new LinkedHashMap<>(database);
      all.putAll(properties);
      all.values().removeIf(v -> v == null);
      return ApplicationContext.builder()
          .propertySources(sources.toArray(PropertySource[]::new))
          .properties(all)
          .singletons(singletons.toArray())
          .deduceEnvironment(false)
          .environments(environments.toArray(String[]::new));
    }
  }
}
