package dev.baton.registry.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.testing.InjectedFaults;
import dev.baton.testing.InjectedFaults.Fault;
import dev.baton.testing.InjectedFaults.FaultKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small local server in front of the real registry: it can demand bearer tokens (answering 401
 * with a {@code WWW-Authenticate: Bearer realm=…} challenge and issuing tokens at {@code /token},
 * checking basic credentials there), inject failures (an HTTP status, a request that is never
 * answered, a response cut off half-way), and alter answers. Everything else is passed through to
 * the registry unchanged.
 */
public final class RegistryProxy implements AutoCloseable {
  private final HttpServer server;
  private final URI upstream;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final List<String> requests = new ArrayList<>();
  private final InjectedFaults faults = new InjectedFaults();

  private static final Duration HANG = Duration.ofSeconds(4);

  volatile boolean bearer;
  volatile String user;
  volatile String password;
  volatile String staticToken;
  volatile int expiresIn = 300;
  volatile String manifestContentType;
  volatile String putDigest;
  volatile boolean pushAllowed = true;

  public RegistryProxy(String upstream) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.upstream = URI.create(upstream);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::registry);
    // a hanging request must not hold up the others
    server.setExecutor(Executors.newCachedThreadPool(daemon()));
    server.start();
  }

  private static ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "registry-proxy");
      t.setDaemon(true);
      return t;
    };
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int tokenRequests() {
    return tokenRequests.get();
  }

  /** Requests seen at {@code /v2/}, as {@code METHOD /path}. */
  public synchronized List<String> requests(String method) {
    return requests.stream().filter(r -> method.isEmpty() || r.startsWith(method + " ")).toList();
  }

  /** The next {@code times} registry requests fail with {@code status} (and Retry-After). */
  public void failNext(int status, int times, String retryAfter) {
    faults.add(FaultKind.STATUS, status, retryAfter, null, null, times);
  }

  /**
   * The next {@code times} requests of {@code method} (null: any) whose path contains {@code
   * pathPart} (null: any) meet {@code kind}; {@code status} and {@code retryAfter} apply to {@link
   * FaultKind#STATUS}. {@link Integer#MAX_VALUE} times: until {@link #heal()}.
   */
  public void inject(
      FaultKind kind, int status, String retryAfter, String method, String pathPart, int times) {
    faults.add(kind, status, retryAfter, method, pathPart, times);
  }

  /** Removes every injected fault: the registry answers normally again. */
  public void heal() {
    faults.clear();
  }

  /** Tokens issued so far stop working, as when they expire at the token service. */
  void revokeTokens() {
    tokens.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      tokenRequests.incrementAndGet();
      if (user != null) {
        String expected =
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          respond(ex, 401, "{\"details\":\"incorrect username or password\"}", null);
          return;
        }
      }
      String token = UUID.randomUUID().toString();
      tokens.add(token);
      respond(ex, 200, "{\"token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}", null);
    }
  }

  private void registry(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      synchronized (this) {
        requests.add(method + " " + path);
      }
      boolean write = !method.equals("GET") && !method.equals("HEAD");
      if (bearer
          && (!authorised(ex.getRequestHeaders().getFirst("Authorization"))
              || (write && !pushAllowed))) {
        String name = path.substring(4).replaceFirst("/(manifests|blobs)/.*$", "");
        String actions = write ? "pull,push" : "pull";
        ex.getResponseHeaders()
            .set(
                "WWW-Authenticate",
                "Bearer realm=\""
                    + url()
                    + "/token\",service=\"baton-proxy\",scope=\"repository:"
                    + name
                    + ":"
                    + actions
                    + "\"");
        respond(
            ex,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
            method);
        return;
      }
      Fault fault = faults.take(method, path);
      if (fault == null) {
        forward(ex, method, false);
      } else if (fault.kind() == FaultKind.HANG) {
        hang();
      } else if (fault.kind() == FaultKind.BREAK) {
        forward(ex, method, true);
      } else {
        if (fault.retryAfter() != null) {
          ex.getResponseHeaders().set("Retry-After", fault.retryAfter());
        }
        respond(
            ex,
            fault.status(),
            "{\"errors\":[{\"code\":\"INJECTED\",\"message\":\"injected failure\"}]}",
            method);
      }
    }
  }

  private static void hang() {
    try {
      Thread.sleep(HANG.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean authorised(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String token = authorization.substring("Bearer ".length());
    return tokens.contains(token) || token.equals(staticToken);
  }

  private void forward(HttpExchange ex, String method, boolean breakHalfWay) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    URI target =
        upstream.resolve(
            ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + ex.getRequestURI().getRawQuery()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String h : List.of("Accept", "Content-Type")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    for (String h : List.of("Content-Type", "Docker-Content-Digest", "Location")) {
      r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
    }
    boolean manifest = ex.getRequestURI().getRawPath().contains("/manifests/");
    if (manifest && manifestContentType != null && !method.equals("PUT")) {
      ex.getResponseHeaders().set("Content-Type", manifestContentType);
    }
    if (manifest && putDigest != null && method.equals("PUT")) {
      ex.getResponseHeaders().set("Docker-Content-Digest", putDigest);
    }
    if (breakHalfWay && r.body().length > 1) {
      if (!ex.getResponseHeaders().containsKey("Content-Type")) {
        ex.getResponseHeaders().set("Content-Type", "application/json");
      }
      ex.sendResponseHeaders(r.statusCode(), r.body().length);
      OutputStream out = ex.getResponseBody();
      out.write(r.body(), 0, r.body().length / 2);
      out.flush();
      return; // closing the exchange short of the promised length drops the connection
    }
    respond(ex, r.statusCode(), r.body(), method);
  }

  private static void respond(HttpExchange ex, int status, String body, String method)
      throws IOException {
    respond(ex, status, body.getBytes(StandardCharsets.UTF_8), method);
  }

  private static void respond(HttpExchange ex, int status, byte[] bytes, String method)
      throws IOException {
    if (!ex.getResponseHeaders().containsKey("Content-Type")) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    if ("HEAD".equals(method) || bytes.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
