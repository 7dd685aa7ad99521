package dev.baton.registry.ecr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.registry.Manifests;
import dev.baton.registry.TestAdapters;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local server that speaks ECR's JSON protocol (awsJson1_1: {@code POST /}, {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Op>}, errors as {@code {"__type","message"}} with HTTP 400,
 * {@code ServerException} with 500) for BatchGetImage and PutImage, over in-memory repositories. It
 * does not check SigV4 signatures. Tests inject faults and read the requests it received.
 */
public final class EcrStandIn implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  private static final String PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

  /** One request: the operation and its JSON body. */
  record Call(String operation, JsonNode body) {}

  private record Fault(String operation, int status, String type) {}

  private record Stored(String manifest, String mediaType) {}

  /** A repository: manifests by digest, tags, and whether tags are immutable. */
  static final class Repo {
    final Map<String, Stored> images = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    volatile boolean immutable;
  }

  private final HttpServer server;
  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();

  public EcrStandIn() throws IOException {
    // Without it, small responses wait for delayed ACKs (~40 ms per call).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized Repo repository(String name) {
    return repos.computeIfAbsent(name, n -> new Repo());
  }

  /** Stores a manifest (as a push would) and returns its digest. */
  public synchronized String push(String repository, String manifest, String mediaType) {
    String digest = Manifests.sha256(manifest);
    repository(repository).images.put(digest, new Stored(manifest, mediaType));
    return digest;
  }

  synchronized String tagOf(String repository, String tag) {
    Repo r = repos.get(repository);
    return r == null ? null : r.tags.get(tag);
  }

  /** The next {@code times} requests for {@code operation} (null: any) fail with {@code type}. */
  synchronized void failNext(String operation, int status, String type, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(operation, status, type));
    }
  }

  synchronized List<Call> calls(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod())
          || target == null
          || !target.startsWith(PREFIX)
          || type == null
          || !type.startsWith("application/x-amz-json-1.1")) {
        respond(exchange, 400, error("SerializationException", "not an awsJson1_1 ECR request"));
        return;
      }
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = TestAdapters.JSON.readValue(in.readAllBytes(), JsonNode.class);
      }
      String operation = target.substring(PREFIX.length());
      Answer answer = answer(operation, body);
      respond(exchange, answer.status(), answer.body());
    }
  }

  private record Answer(int status, JsonNode body) {}

  private synchronized Answer answer(String operation, JsonNode body) {
    calls.add(new Call(operation, body));
    Fault fault = faults.peek();
    if (fault != null && (fault.operation() == null || fault.operation().equals(operation))) {
      faults.poll();
      return new Answer(fault.status(), error(fault.type(), "injected " + fault.type()));
    }
    Repo repo = repos.get(text(body, "repositoryName"));
    if (repo == null) {
      return new Answer(
          400,
          error(
              "RepositoryNotFoundException",
              "The repository with name '"
                  + text(body, "repositoryName")
                  + "' does not exist in the registry with id '"
                  + ACCOUNT
                  + "'"));
    }
    return switch (operation) {
      case "BatchGetImage" -> new Answer(200, batchGet(body, repo));
      case "PutImage" -> put(body, repo);
      default -> new Answer(400, error("UnknownOperationException", operation));
    };
  }

  private JsonNode batchGet(JsonNode body, Repo repo) {
    List<JsonNode> images = new ArrayList<>();
    List<JsonNode> failures = new ArrayList<>();
    for (JsonNode id : body.get("imageIds").values()) {
      String digest = text(id, "imageDigest");
      String tag = text(id, "imageTag");
      String found = digest != null ? digest : repo.tags.get(tag);
      Stored stored = found == null ? null : repo.images.get(found);
      if (stored == null) {
        failures.add(
            object(
                "imageId", id,
                "failureCode", "ImageNotFound",
                "failureReason", "Requested image not found"));
        continue;
      }
      Map<String, Object> imageId = new LinkedHashMap<>();
      imageId.put("imageDigest", found);
      if (tag != null) {
        imageId.put("imageTag", tag);
      }
      images.add(
          object(
              "registryId", ACCOUNT,
              "repositoryName", text(body, "repositoryName"),
              "imageId", object(imageId),
              "imageManifest", stored.manifest(),
              "imageManifestMediaType", stored.mediaType()));
    }
    return object(
        "images", JsonNode.createArrayNode(images), "failures", JsonNode.createArrayNode(failures));
  }

  private Answer put(JsonNode body, Repo repo) {
    String manifest = text(body, "imageManifest");
    String tag = text(body, "imageTag");
    String digest = Manifests.sha256(manifest);
    String expected = text(body, "imageDigest");
    if (expected != null && !expected.equals(digest)) {
      return new Answer(400, error("ImageDigestDoesNotMatchException", "digest mismatch"));
    }
    String current = repo.tags.get(tag);
    if (digest.equals(current)) {
      return new Answer(
          400,
          error(
              "ImageAlreadyExistsException",
              "Image with digest '" + digest + "' and tag '" + tag + "' already exists"));
    }
    if (current != null && repo.immutable) {
      return new Answer(
          400,
          error(
              "ImageTagAlreadyExistsException",
              "The image tag '"
                  + tag
                  + "' already exists in the repository and cannot be overwritten because the repository is immutable."));
    }
    String mediaType = text(body, "imageManifestMediaType");
    repo.images.putIfAbsent(digest, new Stored(manifest, mediaType));
    repo.tags.put(tag, digest);
    return new Answer(
        200,
        object(
            "image",
            object(
                "registryId", ACCOUNT,
                "repositoryName", text(body, "repositoryName"),
                "imageId", object("imageDigest", digest, "imageTag", tag),
                "imageManifest", manifest,
                "imageManifestMediaType", mediaType)));
  }

  private static JsonNode error(String type, String message) {
    return object("__type", type, "message", message);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.getStringValue();
  }

  private static JsonNode object(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return object(map);
  }

  private static JsonNode object(Map<String, Object> map) {
    Map<String, JsonNode> nodes = new LinkedHashMap<>();
    map.forEach(
        (k, v) ->
            nodes.put(
                k,
                v instanceof JsonNode n
                    ? n
                    : v == null ? JsonNode.nullNode() : JsonNode.createStringNode(v.toString())));
    return JsonNode.createObjectNode(nodes);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = TestAdapters.JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
