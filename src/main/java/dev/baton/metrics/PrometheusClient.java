package dev.baton.metrics;

import dev.baton.pipeline.port.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One Prometheus' HTTP API: {@code POST /api/v1/query} (form-encoded, so long queries fit) with the
 * configured bearer token or basic credentials. Transport failures, timeouts and 5xx answers are
 * {@link Metrics.Inconclusive}; Prometheus' own refusals (400, 422) are {@link Metrics.QueryError}.
 * The credentials go into the {@code Authorization} header only: no message of this class carries
 * them.
 */
final class PrometheusClient {
  /** Longest Baton waits for one answer; Prometheus is asked to give up a little earlier. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String authorization;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param authorization the whole {@code Authorization} header value, or null
   */
  PrometheusClient(String baseUrl, String authorization, HttpClient http, Duration timeout) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.endpoint = URI.create(base + "/api/v1/query");
    this.authorization = authorization;
    this.http = http;
    this.timeout = timeout;
  }

  static String bearer(String token) {
    return token == null ? null : "Bearer " + token;
  }

  static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  URI endpoint() {
    return endpoint;
  }

  Metrics.Result query(String promql) {
    long serverTimeoutMillis = Math.max(1000, timeout.toMillis() - 1000);
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&timeout="
            + serverTimeoutMillis
            + "ms";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new Metrics.Inconclusive(
          "Prometheus did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      return new Metrics.Inconclusive("Prometheus did not answer (" + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Metrics.Inconclusive("interrupted while waiting for Prometheus");
    }
    return QueryAnswers.read(response.statusCode(), response.body());
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }
}
