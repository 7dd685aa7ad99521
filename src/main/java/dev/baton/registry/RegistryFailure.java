package dev.baton.registry;

/**
 * One failed attempt of a registry call, as the adapters see it: the HTTP status (0 when there was
 * no response), the registry's or AWS's error code, an optional {@code Retry-After} value and, for
 * network failures, the cause. Adapters throw it from inside {@link RetryPolicy#call}; whether it
 * is worth another attempt is decided there, and nowhere else.
 *
 * <p>The message is the failure in a few words ({@code HTTP 503 from the registry}); {@code advice}
 * says what a person should do about it when it is terminal.
 */
public final class RegistryFailure extends RuntimeException {
  private final int status;
  private final String code;
  private final String retryAfter;
  private final String advice;

  public RegistryFailure(
      String message, int status, String code, String retryAfter, String advice, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code == null ? "" : code;
    this.retryAfter = retryAfter;
    this.advice = advice;
  }

  /** An HTTP answer the caller does not expect. */
  public static RegistryFailure http(String message, int status, String code, String advice) {
    return new RegistryFailure(message, status, code, null, advice, null);
  }

  /** No usable answer: timeout, refused or reset connection, TLS failure. */
  public static RegistryFailure network(String message, Throwable cause) {
    return new RegistryFailure(message, 0, "", null, null, cause);
  }

  /**
   * A failure no retry can fix, found by the adapter itself (e.g. a digest that does not match).
   */
  public static RegistryFailure terminal(String message, String advice) {
    return new RegistryFailure(message, 0, "", null, advice, null);
  }

  /** The same failure with the server's {@code Retry-After} header value. */
  public RegistryFailure withRetryAfter(String value) {
    return new RegistryFailure(getMessage(), status, code, value, advice, getCause());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The raw {@code Retry-After} header, or null. */
  public String retryAfter() {
    return retryAfter;
  }

  /** What to do about it, or null when the message says it all. */
  public String advice() {
    return advice;
  }
}
