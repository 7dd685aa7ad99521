package dev.baton.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * A tiny exporter a test controls: {@code /metrics} serves {@code baton_test_error_ratio{app,run}}
 * with the value the test set (and any other gauge a test adds with {@link #set(String, String,
 * double)}), and {@link #register} writes its address into the real Prometheus' {@code
 * file_sd_configs} targets file. {@code run} is unique per exporter, so a test never reads another
 * test's series.
 */
final class MetricsExporter implements AutoCloseable {
  final String run = "r" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpServer server;
  private volatile double value;
  private final java.util.Map<String, Double> gauges =
      new java.util.concurrent.ConcurrentHashMap<>();

  MetricsExporter(double initial) {
    value = initial;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body =
              String.format(
                      Locale.ROOT,
                      "# TYPE baton_test_error_ratio gauge%n"
                          + "baton_test_error_ratio{app=\"credreg\",run=\"%s\"} %s%n%s",
                      run,
                      Double.toString(value),
                      gaugeLines())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  void set(double v) {
    value = v;
  }

  /** Also serves the gauge {@code name{app, run}} with {@code v} (set again to change it). */
  void set(String name, String app, double v) {
    gauges.put(name + "{app=\"" + app + "\",run=\"" + run + "\"}", v);
  }

  private String gaugeLines() {
    StringBuilder out = new StringBuilder();
    new java.util.TreeMap<>(gauges)
        .forEach((series, v) -> out.append(series).append(' ').append(v).append('\n'));
    return out.toString();
  }

  /** Makes this exporter Prometheus' one target. */
  void register(String targetsFile) {
    String json =
        "[{\"targets\":[\"127.0.0.1:" + server.getAddress().getPort() + "\"],\"labels\":{}}]";
    try {
      Path file = Path.of(targetsFile);
      Path tmp = file.resolveSibling("targets.json.tmp");
      Files.writeString(tmp, json);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
