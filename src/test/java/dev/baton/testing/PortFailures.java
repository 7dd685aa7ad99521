package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.port.PortException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions for an adapter call that fails with a {@link PortException}: retryable (trying again
 * can help) or terminal; chain what its message must say.
 *
 * <pre>{@code
 * assertTerminal(() -> registry.tag(repo, UNKNOWN, "prod")).hasMessageContaining("push the image");
 * }</pre>
 */
public final class PortFailures {
  private PortFailures() {}

  /** The call throws a {@link PortException} saying that trying again can help. */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertRetryable(
      ThrowingCallable call) {
    return assertPortFailure(call, true);
  }

  /** The call throws a {@link PortException} saying that trying again cannot help. */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertTerminal(
      ThrowingCallable call) {
    return assertPortFailure(call, false);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertPortFailure(
      ThrowingCallable call, boolean retryable) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PortException.class,
            e -> assertThat(e.retryable()).as("retryable: " + e.getMessage()).isEqualTo(retryable));
  }
}
