package dev.baton.api;

import dev.baton.pipeline.Refusal;
import io.micronaut.http.HttpStatus;

/** The one place that decides which HTTP status each kind of core refusal gets. */
final class RefusalStatus {
  private RefusalStatus() {}

  static HttpStatus of(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
      case NOT_NOW -> HttpStatus.CONFLICT;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  /**
   * For build registration, whatever the body names that does not exist (an app, a workload) is a
   * mistake in the body, not a missing resource at the URL: 422, not 404.
   */
  static HttpStatus ofRegistration(Refusal.Kind kind) {
    return kind == Refusal.Kind.NOT_FOUND ? HttpStatus.UNPROCESSABLE_ENTITY : of(kind);
  }
}
