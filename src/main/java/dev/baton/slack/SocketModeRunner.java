package dev.baton.slack;

import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.baton.slack.listen.SlackApp;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: when an app-level token is configured, Baton opens a WebSocket to Slack ({@code
 * apps.connections.open}) and serves the very same listeners over it; no public URL is needed.
 * Connects in the background and keeps trying (Slack allows about one connection request a minute)
 * until it succeeds; the SDK reconnects by itself afterwards.
 */
@Context
@Requires(condition = SlackConfigured.class)
public class SocketModeRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SocketModeRunner.class);

  private final SlackSettings settings;
  private final SlackApp app;
  private volatile SocketModeApp socket;
  private volatile boolean stopped;
  private Thread connector;

  public SocketModeRunner(SlackSettings settings, SlackApp app) {
    this.settings = settings;
    this.app = app;
  }

  @PostConstruct
  void start() {
    if (!settings.socketMode()) {
      return;
    }
    connector = new Thread(this::connect, "baton-slack-socket-mode");
    connector.setDaemon(true);
    connector.start();
  }

  private void connect() {
    while (!stopped) {
      try {
        SocketModeApp s =
            new SocketModeApp(
                settings.appToken(), SocketModeClient.Backend.JavaWebSocket, app.app());
        s.startAsync();
        socket = s;
        LOG.info("Slack: connected over Socket Mode");
        return;
      } catch (Exception e) {
        LOG.warn(
            "Slack: Socket Mode connection failed ({}); retrying in {} s",
            e.toString(),
            settings.socketModeRetry().toSeconds());
        try {
          Thread.sleep(settings.socketModeRetry().toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** True once the WebSocket is open. */
  public boolean connected() {
    return socket != null && !socket.isClientStopped();
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (connector != null) {
      connector.interrupt();
    }
    SocketModeApp s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.debug("closing Socket Mode: {}", e.toString());
      }
    }
  }
}
