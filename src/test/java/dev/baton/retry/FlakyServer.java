package dev.baton.retry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server that answers every request with the next scripted answer, then with a last
 * one for ever, and remembers when each request arrived: for testing how an adapter retries.
 */
public final class FlakyServer implements AutoCloseable {
  /** One answer: a status, headers and a body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public static Answer of(int status) {
      return new Answer(status, Map.of(), "");
    }

    public static Answer retryAfter(int status, String seconds) {
      return new Answer(status, Map.of("Retry-After", seconds), "");
    }
  }

  private static final Pattern WAIT = Pattern.compile("trying again in (\\d+) ms");
  private final HttpServer server;
  private final Deque<Answer> script;
  private final Answer last;
  private final List<Long> arrivals = new ArrayList<>();

  private FlakyServer(List<Answer> first, Answer last) {
    this.script = new ArrayDeque<>(first);
    this.last = last;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          Answer a;
          synchronized (this) {
            arrivals.add(System.nanoTime());
            a = script.isEmpty() ? last : script.poll();
          }
          exchange.getRequestBody().readAllBytes();
          a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
          boolean head = exchange.getRequestMethod().equals("HEAD");
          exchange.sendResponseHeaders(a.status(), head || body.length == 0 ? -1 : body.length);
          if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  /** Answers {@code first} in turn, then {@code last} for ever. */
  public static FlakyServer start(List<Answer> first, Answer last) {
    return new FlakyServer(first, last);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public synchronized int requests() {
    return arrivals.size();
  }

  /** The time between request {@code i} and the next one (0-based). */
  public synchronized Duration gap(int i) {
    return Duration.ofNanos(arrivals.get(i + 1) - arrivals.get(i));
  }

  /** From the first request to the last. */
  public synchronized Duration span() {
    return Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0));
  }

  /** The waits {@link Retrying} logged ("trying again in N ms"), in milliseconds. */
  public static List<Long> loggedWaits(List<String> messages) {
    List<Long> waits = new ArrayList<>();
    for (String message : messages) {
      Matcher m = WAIT.matcher(message);
      if (m.find()) {
        waits.add(Long.parseLong(m.group(1)));
      }
    }
    return waits;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
