package dev.baton.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail, the body of every error answer under {@code /api}. The type is always
 * {@code about:blank}, so the title is the status's reason phrase and the detail says what went
 * wrong in words meant for the caller.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail) {
  public static final String CONTENT_TYPE = "application/problem+json";
}
