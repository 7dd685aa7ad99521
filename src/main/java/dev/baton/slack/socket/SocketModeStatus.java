package dev.baton.slack.socket;

import java.time.Duration;
import java.time.Instant;

/**
 * What Baton knows of its Socket Mode link, for {@code /health} and the log.
 *
 * @param connected true from Slack's {@code hello} until the WebSocket closes
 * @param since when it last became connected or lost
 * @param problem why it is not connected (the last failed open or the close), null when connected
 * @param attempts connection attempts since the link was last up
 */
public record SocketModeStatus(boolean connected, Instant since, String problem, int attempts) {

  static SocketModeStatus starting(Instant now) {
    return new SocketModeStatus(false, now, "connecting", 0);
  }

  /** True when the link has been down for longer than {@code limit}. */
  public boolean downLongerThan(Duration limit, Instant now) {
    return !connected && Duration.between(since, now).compareTo(limit) > 0;
  }

  public String describe() {
    return connected
        ? "connected since " + since
        : "down since " + since + (problem == null ? "" : " (" + problem + ")");
  }
}
