package dev.baton.registry.oci;

import dev.baton.pipeline.port.PortException;
import dev.baton.registry.RegistryFailure;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Talks HTTP to one registry's {@code /v2/} API and answers its authentication challenges: a static
 * bearer token when configured; otherwise the first 401 says whether the registry wants basic
 * credentials (sent with every later request) or a bearer token from its token service (fetched,
 * cached per repository and access, and fetched again once when the registry refuses it). A second
 * 401 is returned to the caller, which reports it as an authentication failure.
 */
final class DistributionClient {
  private final OciSettings settings;
  private final HttpClient http;
  private final BearerTokens tokens;
  private volatile boolean basicWanted;

  /**
   * One request to a repository.
   *
   * @param method GET, HEAD or PUT
   * @param repository the path inside the registry, e.g. {@code credreg/main-app}
   * @param resource what follows the repository, e.g. {@code manifests/prod}
   * @param push needs push access (else pull)
   * @param accept the Accept header, or null
   * @param body the body (PUT), or null
   * @param contentType the body's Content-Type, or null
   */
  record Call(
      String method,
      String repository,
      String resource,
      boolean push,
      String accept,
      byte[] body,
      String contentType) {
    static Call read(String method, String repository, String resource, String accept) {
      return new Call(method, repository, resource, false, accept, null, null);
    }

    static Call put(String repository, String resource, byte[] body, String contentType) {
      return new Call("PUT", repository, resource, true, null, body, contentType);
    }

    String scope() {
      return "repository:" + repository + ":" + (push ? "pull,push" : "pull");
    }
  }

  DistributionClient(OciSettings settings, HttpClient http, JsonMapper json, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.tokens = new BearerTokens(settings, http, json, clock, this::withBasic);
  }

  /** Sends the call, authenticating as the registry asks. Any status comes back to the caller. */
  HttpResponse<byte[]> send(Call call) {
    Optional<String> sent = authorization(call);
    HttpResponse<byte[]> response = exchange(http, request(call, sent), settings);
    if (response.statusCode() != 401 || settings.token() != null) {
      return response;
    }
    Optional<AuthChallenge> challenge =
        AuthChallenge.choose(response.headers().allValues("WWW-Authenticate"));
    if (challenge.isEmpty()) {
      return response;
    }
    return challenge.get().scheme().equals(AuthChallenge.BASIC)
        ? retryWithBasic(call, sent, response)
        : retryWithToken(call, challenge.get());
  }

  private HttpResponse<byte[]> retryWithBasic(
      Call call, Optional<String> sent, HttpResponse<byte[]> refused) {
    if (settings.username() == null || sent.filter(a -> a.startsWith("Basic ")).isPresent()) {
      return refused; // no credentials to offer, or these very credentials were refused
    }
    basicWanted = true;
    return exchange(http, request(call, basic()), settings);
  }

  private HttpResponse<byte[]> retryWithToken(Call call, AuthChallenge challenge) {
    tokens.forget(call.scope());
    String token = tokens.fetch(challenge, call.scope(), authAdvice());
    HttpResponse<byte[]> response =
        exchange(http, request(call, Optional.of("Bearer " + token)), settings);
    if (response.statusCode() != 401) {
      return response;
    }
    // The token service accepted Baton, but the registry refuses the token it issued.
    tokens.forget(call.scope());
    throw RegistryFailure.http(
        "HTTP 401: the registry refused the token its token service issued for " + call.scope(),
        401,
        "UNAUTHORIZED",
        (settings.username() == null ? "Anonymous access" : "User '" + settings.username() + "'")
            + " may not "
            + (call.push() ? "push to " : "pull ")
            + call.repository()
            + ", or the repository does not exist (some registries answer 401 for both):"
            + " grant access, or check "
            + settings.key()
            + ".username");
  }

  /** What to change when the registry refuses Baton: names the keys, never the secrets. */
  String authAdvice() {
    if (settings.token() != null) {
      return "The registry refused the token in " + settings.key() + ".token: renew it";
    }
    if (settings.username() == null) {
      return "The registry wants credentials: set "
          + settings.key()
          + ".username and "
          + settings.key()
          + ".password";
    }
    return "The registry refused user '"
        + settings.username()
        + "': check "
        + settings.key()
        + ".username and "
        + settings.key()
        + ".password (environment variable "
        + passwordVariable()
        + ")";
  }

  private String passwordVariable() {
    return "BATON_REGISTRIES_"
        + settings.name().toUpperCase(Locale.ROOT).replace('-', '_')
        + "_PASSWORD";
  }

  private Optional<String> authorization(Call call) {
    if (settings.token() != null) {
      return Optional.of("Bearer " + settings.token());
    }
    Optional<String> cached = tokens.cached(call.scope());
    if (cached.isPresent()) {
      return cached.map(t -> "Bearer " + t);
    }
    return basicWanted ? basic() : Optional.empty();
  }

  private Optional<String> basic() {
    if (settings.username() == null) {
      return Optional.empty();
    }
    String pair =
        settings.username() + ":" + (settings.password() == null ? "" : settings.password());
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder withBasic(HttpRequest.Builder builder) {
    basic().ifPresent(b -> builder.header("Authorization", b));
    return builder;
  }

  private HttpRequest request(Call call, Optional<String> authorization) {
    URI uri = settings.url().resolve("/v2/" + call.repository() + "/" + call.resource());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.timeout());
    if (call.body() != null) {
      b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
      b.header("Content-Type", call.contentType());
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    if (call.accept() != null) {
      b.header("Accept", call.accept());
    }
    authorization.ifPresent(a -> b.header("Authorization", a));
    return b.build();
  }

  /** One HTTP exchange; network failures become {@link RegistryFailure}s for the retry policy. */
  static HttpResponse<byte[]> exchange(HttpClient http, HttpRequest request, OciSettings settings) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw RegistryFailure.network(
          "no answer from " + where(request) + " within " + settings.timeout().toSeconds() + " s",
          e);
    } catch (IOException e) {
      throw RegistryFailure.network(
          "could not talk to "
              + where(request)
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortException("interrupted while calling " + where(request), true, e);
    }
  }

  private static String where(HttpRequest request) {
    URI u = request.uri();
    return u.getScheme() + "://" + u.getRawAuthority();
  }
}
