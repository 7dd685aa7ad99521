package dev.baton.api;

import dev.baton.pipeline.RegisterBuild;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a registration body, once its signature has been checked. Only the shape is checked here
 * (400 when wrong); what the values mean is the core's business (422 when wrong).
 */
@Singleton
public class BuildRequestParser {
  private static final String SHAPE =
      "expected {\"app\", \"tag\", \"commit\", \"buildUrl\": strings, \"digests\": {workload:"
          + " digest}, optional \"committedAt\": ISO-8601 instant}";
  private final JsonMapper json;

  public BuildRequestParser(JsonMapper json) {
    this.json = json;
  }

  public RegisterBuild parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw ProblemException.badRequest("the body is not JSON; " + SHAPE);
    }
    if (root == null || !root.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object; " + SHAPE);
    }
    return new RegisterBuild(
        text(root, "app"),
        text(root, "tag"),
        text(root, "commit"),
        text(root, "buildUrl"),
        digests(root.get("digests")),
        committedAt(text(root, "committedAt")));
  }

  private static Instant committedAt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "\"committedAt\" must be an ISO-8601 instant such as 2026-12-03T10:15:30Z; " + SHAPE);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw ProblemException.badRequest("\"" + field + "\" must be a string; " + SHAPE);
    }
    return node.getStringValue();
  }

  private static Map<String, String> digests(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw ProblemException.badRequest(
          "\"digests\" must be an object of workload name to digest; " + SHAPE);
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.entries()) {
      if (!e.getValue().isString()) {
        throw ProblemException.badRequest(
            "the digest of \"" + e.getKey() + "\" must be a string such as sha256:…");
      }
      digests.put(e.getKey(), e.getValue().getStringValue());
    }
    return digests;
  }
}
