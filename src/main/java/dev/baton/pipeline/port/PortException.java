package dev.baton.pipeline.port;

/**
 * The one error type adapters raise into the core. Adapters translate SDK exceptions into it and
 * decide, in one place each, whether trying again can help.
 */
public class PortException extends RuntimeException {
  private final boolean retryable;

  public PortException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public static PortException terminal(String message) {
    return new PortException(message, false, null);
  }

  public static PortException retryable(String message) {
    return new PortException(message, true, null);
  }

  /** True when the same call may succeed later (5xx, throttling, timeouts, resets). */
  public boolean retryable() {
    return retryable;
  }
}
