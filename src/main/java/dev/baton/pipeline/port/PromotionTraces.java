package dev.baton.pipeline.port;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.Step;
import java.time.Instant;

/**
 * One trace per promotion, from its request to its outcome. A promotion outlives the process that
 * requested it (it waits for approvals, resumes on another replica after a crash), so the trace's
 * identity is persisted on the promotion ({@link Promotion#trace()}) and every span is a child of
 * that persisted root, whichever process records it. The root span itself is recorded when the
 * promotion ends, spanning request to outcome.
 *
 * <p>Every method is called after the change it describes was committed, and must neither block nor
 * throw; {@link #OFF} records nothing.
 */
public interface PromotionTraces {
  /** Records nothing: tracing is not configured. */
  PromotionTraces OFF = new PromotionTraces() {};

  /**
   * The identity of a new promotion's trace as {@code <32 hex trace id>-<16 hex root span id>}, or
   * null when tracing is off.
   */
  default String begin() {
    return null;
  }

  /** Someone approved the promotion at {@code at}. */
  default void approved(Promotion p, String approver, int approvals, int required, Instant at) {}

  /**
   * One attempt of a step ran from {@code start} to {@code end} and ended as {@code outcome} (done,
   * skipped, failed, waiting, ended, abandoned).
   */
  default void step(
      Promotion p, Step step, String outcome, String detail, Instant start, Instant end) {}

  /** The promotion was picked up again by {@code runner} after {@code cause}. */
  default void resumed(Promotion p, String runner, String cause, Instant at) {}

  /** The promotion reached its terminal state at {@code at}: the root span is recorded. */
  default void ended(Promotion p, Instant at) {}
}
