package dev.baton.metrics;

import dev.baton.registry.TestServices;
import java.net.URI;

/**
 * The real Prometheus of {@code scripts/test-services.sh}, scraping an exporter of the test's own
 * ({@link MetricsExporter}, its one target): what every test against the real Prometheus starts
 * with. {@link #start} skips the test without {@code BATON_TEST_PROMETHEUS_URL} (a failure on CI).
 */
public final class RealPrometheus implements AutoCloseable {
  public static final String URL = "BATON_TEST_PROMETHEUS_URL";
  public static final String TARGETS = "BATON_TEST_PROMETHEUS_TARGETS";

  /** Prometheus' base URL. */
  public final String url;

  /** The test's exporter, serving {@code baton_test_error_ratio} at first at the initial value. */
  public final MetricsExporter exporter;

  private RealPrometheus(String url, MetricsExporter exporter) {
    this.url = url;
    this.exporter = exporter;
  }

  /** An exporter serving {@code initial}, made Prometheus' target; skips without the service. */
  public static RealPrometheus start(double initial) {
    String url = TestServices.lookup(URL);
    String targets = TestServices.lookup(TARGETS);
    TestServices.assumeSet(url, URL);
    TestServices.assumeSet(targets, TARGETS);
    MetricsExporter exporter = new MetricsExporter(initial);
    exporter.register(targets);
    return new RealPrometheus(url, exporter);
  }

  /** Prometheus' port on 127.0.0.1 (for a fault proxy in front of it). */
  public int port() {
    return URI.create(url).getPort();
  }

  /** Waits (at most 20 s) until Prometheus has scraped {@code value} for the exporter's series. */
  public void awaitScraped(double value) throws InterruptedException {
    exporter.awaitScraped(url, value);
  }

  @Override
  public void close() {
    exporter.close();
  }
}
