package dev.baton.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds {@code application/problem+json} answers. The body is serialised here, not by the
 * framework, so that filters (which answer before any route runs) produce the same bytes.
 */
@Singleton
public class Problems {
  private final JsonMapper json;

  public Problems(JsonMapper json) {
    this.json = json;
  }

  public MutableHttpResponse<byte[]> of(HttpStatus status, String detail) {
    Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail);
    try {
      return HttpResponse.<byte[]>status(status)
          .contentType(Problem.CONTENT_TYPE)
          .body(json.writeValueAsBytes(problem));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a problem", e);
    }
  }

  /** True for paths whose errors are problem documents. */
  static boolean isApiPath(String path) {
    return path.equals("/api") || path.startsWith("/api/");
  }
}
