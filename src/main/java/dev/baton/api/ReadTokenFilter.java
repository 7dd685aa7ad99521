package dev.baton.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Guards every {@code /api/v1} endpoint except build registration (which CI signs instead) with
 * {@code Authorization: Bearer <baton.api.read-token>}. Unknown paths under {@code /api/v1} are
 * guarded too, so that the API's shape is not revealed to strangers.
 */
@ServerFilter("/api/v1/**")
public class ReadTokenFilter {
  private static final String SCHEME = "Bearer ";
  private final ApiSettings settings;
  private final Problems problems;

  public ReadTokenFilter(ApiSettings settings, Problems problems) {
    this.settings = settings;
    this.problems = problems;
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    String path = request.getPath();
    if (path.equals(BuildsController.PATH) || path.equals(BuildsController.PATH + "/")) {
      return null; // CI signs registrations instead
    }
    Optional<String> token = settings.configuredReadToken();
    if (token.isEmpty()) {
      return problems.of(
          HttpStatus.SERVICE_UNAVAILABLE,
          "the read API is disabled: set " + ApiSettings.READ_TOKEN_KEY);
    }
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return unauthorized("send Authorization: Bearer <token>");
    }
    if (!sameSecret(authorization.substring(SCHEME.length()).trim(), token.get())) {
      return unauthorized("the bearer token is not valid");
    }
    return null;
  }

  private HttpResponse<?> unauthorized(String detail) {
    return problems
        .of(HttpStatus.UNAUTHORIZED, detail)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"baton\"");
  }

  /** Compares digests, so that neither the content nor the length of the token leaks by timing. */
  static boolean sameSecret(String presented, String expected) {
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
