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
import java.util.function.Supplier;

/**
 * A tiny exporter a test controls: {@code /metrics} serves {@code baton_test_error_ratio{app,run}}
 * with the value the test set (and any other gauge a test adds with {@link #set(String, String,
 * double)}), and {@link #register} writes its address into the real Prometheus' {@code
 * file_sd_configs} targets file. {@code run} is unique per exporter, so a test never reads another
 * test's series. A benchmark may serve its own exposition text instead ({@link
 * #MetricsExporter(Supplier)}).
 */
public final class MetricsExporter implements AutoCloseable {
  /** This exporter's value of the {@code run} label: unique, so no test reads another's series. */
  public final String run = "r" + UUID.randomUUID().toString().substring(0, 8);

  private final HttpServer server;
  private volatile double value;
  private final java.util.Map<String, Double> gauges =
      new java.util.concurrent.ConcurrentHashMap<>();

  public MetricsExporter(double initial) {
    value = initial;
    server = serve(this::body);
  }

  /** An exporter whose {@code /metrics} answers what {@code body} gives at each scrape. */
  public MetricsExporter(Supplier<String> body) {
    server = serve(body);
  }

  private String body() {
    return String.format(
        Locale.ROOT,
        "# TYPE baton_test_error_ratio gauge%n"
            + "baton_test_error_ratio{app=\"credreg\",run=\"%s\"} %s%n%s",
        run,
        Double.toString(value),
        gaugeLines());
  }

  private static HttpServer serve(Supplier<String> text) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = text.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  public void set(double v) {
    value = v;
  }

  /**
   * Waits (at most 20 s) until the Prometheus at {@code prometheusUrl} has scraped {@code value}
   * for this exporter's {@code baton_test_error_ratio} series.
   */
  public void awaitScraped(String prometheusUrl, double value) throws InterruptedException {
    String query =
        java.net.URLEncoder.encode(
            "baton_test_error_ratio{run=\"" + run + "\"}", StandardCharsets.UTF_8);
    java.net.URI uri = java.net.URI.create(prometheusUrl + "/api/v1/query?query=" + query);
    String expected = "\"" + Double.toString(value) + "\"";
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      try {
        String body =
            http.send(
                    java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        if (body.contains(expected)) {
          return;
        }
      } catch (IOException e) {
        // not up yet: try again
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus never scraped " + value + " for run " + run);
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
  public void register(String targetsFile) {
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
