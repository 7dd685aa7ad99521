package dev.baton.registry.oci;

import dev.baton.registry.RegistryFailure;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Bearer tokens from a registry's token service (the Docker token flow: a 401 names the {@code
 * realm}, {@code service} and {@code scope}; {@code GET realm?service=…&scope=…}, with basic
 * credentials when configured, answers {@code {"token"|"access_token", "expires_in"}}). Tokens are
 * cached per scope until shortly before they expire.
 */
final class BearerTokens {
  /** Default lifetime when the token service does not say (Docker token spec: 60 s). */
  private static final long DEFAULT_EXPIRES_IN = 60;

  private final OciSettings settings;
  private final HttpClient http;
  private final JsonMapper json;
  private final Clock clock;
  private final UnaryOperator<HttpRequest.Builder> basicAuth;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  private record Token(String value, Instant renewAt) {}

  BearerTokens(
      OciSettings settings,
      HttpClient http,
      JsonMapper json,
      Clock clock,
      UnaryOperator<HttpRequest.Builder> basicAuth) {
    this.settings = settings;
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.basicAuth = basicAuth;
  }

  /** A token for {@code scope} that has not expired yet. */
  Optional<String> cached(String scope) {
    Token t = cache.get(scope);
    if (t == null || !clock.instant().isBefore(t.renewAt())) {
      return Optional.empty();
    }
    return Optional.of(t.value());
  }

  /** Gets a new token for {@code scope} as the challenge says, and caches it. */
  String fetch(AuthChallenge challenge, String scope, String authAdvice) {
    URI uri = tokenUri(challenge, scope);
    HttpRequest request =
        basicAuth.apply(HttpRequest.newBuilder(uri).GET().timeout(settings.timeout())).build();
    HttpResponse<byte[]> response = DistributionClient.exchange(http, request, settings);
    int status = response.statusCode();
    if (status != 200) {
      String what = "the token service " + origin(uri) + " answered HTTP " + status;
      throw RegistryFailure.http(
              what, status, "", status == 401 || status == 403 ? authAdvice : null)
          .withRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
    }
    Token token = parse(response.body(), uri);
    cache.put(scope, token);
    return token.value();
  }

  void forget(String scope) {
    cache.remove(scope);
  }

  private URI tokenUri(AuthChallenge challenge, String scope) {
    String realm = challenge.param("realm");
    URI uri;
    try {
      uri = realm == null ? null : URI.create(realm);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean allowed =
        uri != null
            && uri.getHost() != null
            && ("https".equals(uri.getScheme())
                || ("http".equals(uri.getScheme()) && settings.insecure()));
    if (!allowed) {
      throw RegistryFailure.terminal(
          "the registry's token service realm "
              + (realm == null ? "is missing" : "'" + realm + "' is not an https URL"),
          "Baton sends credentials to a token service over https only (plain http only for a"
              + " registry configured with insecure: true)");
    }
    StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    String service = challenge.param("service");
    if (service != null) {
      append(query, "service", service);
    }
    String challenged = challenge.param("scope");
    append(query, "scope", challenged == null || challenged.isBlank() ? scope : challenged);
    return URI.create(
        uri.getScheme() + "://" + uri.getRawAuthority() + nonEmpty(uri.getRawPath()) + "?" + query);
  }

  private Token parse(byte[] body, URI uri) {
    JsonNode node;
    try {
      node = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      node = null;
    }
    JsonNode value = node == null ? null : node.get("token");
    if (value == null || !value.isString() || value.getStringValue().isBlank()) {
      value = node == null ? null : node.get("access_token");
    }
    if (value == null || !value.isString() || value.getStringValue().isBlank()) {
      throw RegistryFailure.terminal(
          "the token service " + origin(uri) + " answered without a token",
          "check that " + settings.key() + ".url is the registry's API address");
    }
    JsonNode expires = node.get("expires_in");
    long seconds = expires != null && expires.isNumber() ? expires.getLongValue() : 0;
    seconds = seconds <= 0 ? DEFAULT_EXPIRES_IN : seconds;
    // Renew a little early, so that a token never expires between cache and registry.
    long margin = Math.min(30, seconds / 4);
    return new Token(
        value.getStringValue(), clock.instant().plus(Duration.ofSeconds(seconds - margin)));
  }

  private static void append(StringBuilder query, String name, String value) {
    if (!query.isEmpty()) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String nonEmpty(String path) {
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + nonEmpty(uri.getRawPath());
  }
}
