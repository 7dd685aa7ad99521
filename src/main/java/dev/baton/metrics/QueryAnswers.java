package dev.baton.metrics;

import dev.baton.pipeline.port.Metrics;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an answer of Prometheus' {@code /api/v1/query}: {@code {"status":"success","data":
 * {"resultType":"vector"|"scalar", "result": …}}} or {@code {"status":"error","errorType":…,
 * "error":…}}. Anything unreadable (a body cut off half-way, a proxy's HTML page) is inconclusive:
 * Baton did not learn the value.
 */
final class QueryAnswers {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private QueryAnswers() {}

  static Metrics.Result read(int status, String body) {
    if (status >= 500 || status == 429 || status == 408) {
      return new Metrics.Inconclusive("Prometheus answered HTTP " + status + errorText(body));
    }
    if (status == 401 || status == 403) {
      return new Metrics.Inconclusive(
          "Prometheus refused the credentials (HTTP "
              + status
              + "): check prometheus.bearer-token"
              + " or basic-auth");
    }
    JsonNode root;
    try {
      root = JSON.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      return new Metrics.Inconclusive(
          "unreadable answer from Prometheus (HTTP " + status + ", " + body.length() + " bytes)");
    }
    if (root == null || !root.isObject()) {
      return new Metrics.Inconclusive("unreadable answer from Prometheus (HTTP " + status + ")");
    }
    String outcome = text(root.get("status"));
    if ("error".equals(outcome) && (status == 400 || status == 422)) {
      return new Metrics.QueryError(errorOf(root));
    }
    if (!"success".equals(outcome) || status != 200) {
      return new Metrics.Inconclusive(
          "unexpected answer from Prometheus (HTTP " + status + errorText(body) + ")");
    }
    return data(root.get("data"));
  }

  private static Metrics.Result data(JsonNode data) {
    if (data == null || !data.isObject()) {
      return new Metrics.Inconclusive("Prometheus' answer has no data");
    }
    String type = text(data.get("resultType"));
    JsonNode result = data.get("result");
    try {
      if ("scalar".equals(type)) {
        return new Metrics.Series(List.of(new Metrics.Sample(Map.of(), value(result))));
      }
      if ("vector".equals(type) && result != null && result.isArray()) {
        List<Metrics.Sample> samples = new ArrayList<>();
        for (JsonNode series : result.values()) {
          samples.add(new Metrics.Sample(labels(series.get("metric")), value(series.get("value"))));
        }
        return samples.isEmpty() ? new Metrics.Empty() : new Metrics.Series(samples);
      }
    } catch (IllegalArgumentException e) {
      return new Metrics.Inconclusive("unreadable value in Prometheus' answer: " + e.getMessage());
    }
    return new Metrics.QueryError(
        "the query returns a " + type + "; a check needs an instant vector or a scalar");
  }

  /** {@code [ <unix time>, "<value>" ]}; Prometheus writes NaN and ±Inf as text. */
  private static double value(JsonNode pair) {
    if (pair == null || !pair.isArray() || pair.size() != 2) {
      throw new IllegalArgumentException("expected [time, \"value\"]");
    }
    String v = text(pair.get(1));
    if (v == null) {
      throw new IllegalArgumentException("no value");
    }
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (metric != null && metric.isObject()) {
      for (Map.Entry<String, JsonNode> e : metric.entries()) {
        labels.put(e.getKey(), text(e.getValue()));
      }
    }
    return labels;
  }

  private static String errorOf(JsonNode root) {
    String type = text(root.get("errorType"));
    String error = text(root.get("error"));
    return (type == null ? "" : type + ": ") + (error == null ? "no error text" : error);
  }

  private static String errorText(String body) {
    try {
      JsonNode root = JSON.readValue(body, JsonNode.class);
      if (root != null && root.isObject() && root.get("error") != null) {
        return ": " + errorOf(root);
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: the status says enough
    }
    return "";
  }

  private static String text(JsonNode node) {
    return node == null || !node.isString() ? null : node.getStringValue();
  }
}
