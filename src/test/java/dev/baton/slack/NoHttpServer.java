package dev.baton.slack;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URL;

/**
 * The server of a {@link BatonSlack#withoutHttp()} Baton: it listens nowhere, but announces its
 * start and stop as Netty does, so that what Baton does when its server starts still happens.
 */
@Singleton
@Requires(property = BatonSlack.WITHOUT_HTTP, value = "true")
@Replaces(EmbeddedServer.class)
final class NoHttpServer implements EmbeddedServer {
  private final ApplicationContext context;
  private final ApplicationConfiguration configuration;
  private volatile boolean running;

  NoHttpServer(ApplicationContext context, ApplicationConfiguration configuration) {
    this.context = context;
    this.configuration = configuration;
  }

  @Override
  public synchronized EmbeddedServer start() {
    if (!running) {
      running = true;
      context.publishEvent(new ServerStartupEvent(this));
    }
    return this;
  }

  @Override
  public synchronized EmbeddedServer stop() {
    if (running) {
      running = false;
      context.publishEvent(new ServerShutdownEvent(this));
    }
    return this;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPort() {
    throw new UnsupportedOperationException("this Baton has no HTTP server");
  }

  @Override
  public String getHost() {
    return "localhost";
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public URL getURL() {
    throw new UnsupportedOperationException("this Baton has no HTTP server");
  }

  @Override
  public URI getURI() {
    throw new UnsupportedOperationException("this Baton has no HTTP server");
  }

  @Override
  public ApplicationContext getApplicationContext() {
    return context;
  }

  @Override
  public ApplicationConfiguration getApplicationConfiguration() {
    return configuration;
  }
}
