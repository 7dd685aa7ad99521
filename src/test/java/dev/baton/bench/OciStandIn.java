package dev.baton.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.registry.Manifests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The manifest part of the OCI distribution API on loopback, for when no real registry runs ({@code
 * BATON_TEST_REGISTRY_URL} unset): HEAD, GET and PUT of manifests by tag or digest, which is all
 * Baton asks of a registry.
 */
final class OciStandIn implements AutoCloseable {
  private record Stored(byte[] bytes, String mediaType, String digest) {}

  private final HttpServer server;
  private final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  private final AtomicInteger unique = new AtomicInteger();
  private final java.util.List<Long> arrivals = new java.util.ArrayList<>();

  OciStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores a new single-platform OCI manifest with unique content; returns its digest. */
  String push(String repository) {
    String config = "sha256:" + "%064x".formatted(unique.incrementAndGet());
    byte[] bytes =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + Manifests.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + config
                + "\",\"size\":2},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    Stored s = new Stored(bytes, Manifests.OCI_MANIFEST, Manifests.sha256(bytes));
    manifests.put(repository + "@" + s.digest(), s);
    return s.digest();
  }

  private void handle(HttpExchange ex) throws IOException {
    synchronized (arrivals) {
      arrivals.add(System.currentTimeMillis());
    }
    try (ex) {
      String path = ex.getRequestURI().getPath();
      int at = path.indexOf("/manifests/");
      if (at < 0) {
        ex.sendResponseHeaders(path.equals("/v2/") ? 200 : 404, -1);
        return;
      }
      String repository = path.substring("/v2/".length(), at);
      String reference = path.substring(at + "/manifests/".length());
      String key = repository + "@" + reference;
      switch (ex.getRequestMethod()) {
        case "PUT" -> {
          byte[] bytes = ex.getRequestBody().readAllBytes();
          String type = ex.getRequestHeaders().getFirst("Content-Type");
          Stored s = new Stored(bytes, type, Manifests.sha256(bytes));
          manifests.put(key, s);
          manifests.put(repository + "@" + s.digest(), s);
          ex.getResponseHeaders().add("Docker-Content-Digest", s.digest());
          ex.getResponseHeaders().add("Location", path);
          ex.sendResponseHeaders(201, -1);
        }
        case "GET", "HEAD" -> {
          Stored s = manifests.get(key);
          if (s == null) {
            byte[] error =
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(404, head ? -1 : error.length);
            if (!head) {
              ex.getResponseBody().write(error);
            }
            return;
          }
          ex.getResponseHeaders().add("Content-Type", s.mediaType());
          ex.getResponseHeaders().add("Docker-Content-Digest", s.digest());
          if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(s.bytes().length));
            ex.sendResponseHeaders(200, -1);
          } else {
            ex.sendResponseHeaders(200, s.bytes().length);
            ex.getResponseBody().write(s.bytes());
          }
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  /** When the first request at or after {@code fromMillis} arrived. */
  java.util.OptionalLong first(long fromMillis) {
    synchronized (arrivals) {
      return arrivals.stream().mapToLong(Long::longValue).filter(t -> t >= fromMillis).min();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
