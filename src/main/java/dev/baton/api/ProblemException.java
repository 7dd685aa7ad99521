package dev.baton.api;

import io.micronaut.http.HttpStatus;

/**
 * An HTTP-level refusal raised by the API itself (a malformed query parameter, a body that is not
 * JSON), as opposed to a {@link dev.baton.pipeline.Refusal} from the core.
 */
public class ProblemException extends RuntimeException {
  private final HttpStatus status;

  public ProblemException(HttpStatus status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, detail);
  }

  public HttpStatus status() {
    return status;
  }
}
