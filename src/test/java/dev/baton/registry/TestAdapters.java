package dev.baton.registry;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * What the adapters under test share: one JSON mapper (creating one starts a small bean context)
 * and fast retries.
 */
public final class TestAdapters {
  public static final JsonMapper JSON = JsonMapper.createDefault();

  /** Retries that keep tests fast: 4 attempts, 10 ms apart at first, at most 2 s in all. */
  public static final RetryPolicy.Settings FAST_RETRY =
      new RetryPolicy.Settings(
          4,
          java.time.Duration.ofMillis(10),
          java.time.Duration.ofMillis(50),
          java.time.Duration.ofSeconds(2));

  private TestAdapters() {}

  /** A loopback port nothing listens on (it was free a moment ago): a registry that is down. */
  public static int unusedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
