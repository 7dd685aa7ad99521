package dev.baton.pipeline.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request to put one release into one environment, bound to the release's exact digests.
 *
 * @param sourceEnv the link the release is promoted from; null for auto-deploys and rollbacks
 * @param step the next step to execute while RUNNING; the failing step's successor while recovering
 * @param failedStep the step that failed, when one did
 * @param previousReleaseTag the environment's current release when the promotion started running;
 *     auto-rollback restores it
 * @param reason why the promotion ended as it did (failure, rejection, staleness), for people
 * @param version optimistic-locking counter, incremented by every write
 * @param breakGlass why this promotion may override freezes, windows and bake time; null for an
 *     ordinary one
 * @param trace the promotion's trace, {@code <trace id>-<root span id>} in hex; null when it is not
 *     traced
 */
public record Promotion(
    String id,
    String app,
    String env,
    String sourceEnv,
    PromotionKind kind,
    String releaseTag,
    Map<String, String> digests,
    String requester,
    PromotionState state,
    Step step,
    Step failedStep,
    int attempts,
    Instant requestedAt,
    Instant expiresAt,
    Instant updatedAt,
    String previousReleaseTag,
    String reason,
    long version,
    BreakGlass breakGlass,
    String trace) {
  public Promotion {
    digests = Collections.unmodifiableSortedMap(new TreeMap<>(digests));
  }

  /** An ordinary promotion (no break-glass), not traced. */
  public Promotion(
      String id,
      String app,
      String env,
      String sourceEnv,
      PromotionKind kind,
      String releaseTag,
      Map<String, String> digests,
      String requester,
      PromotionState state,
      Step step,
      Step failedStep,
      int attempts,
      Instant requestedAt,
      Instant expiresAt,
      Instant updatedAt,
      String previousReleaseTag,
      String reason,
      long version) {
    this(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousReleaseTag,
        reason,
        version,
        null,
        null);
  }

  /** The same promotion traced as {@code trace} (see {@link #trace()}). */
  public Promotion withTrace(String trace) {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousReleaseTag,
        reason,
        version,
        breakGlass,
        trace);
  }

  /** The 32-hex trace id, or null when the promotion is not traced. */
  public String traceId() {
    int dash = trace == null ? -1 : trace.indexOf('-');
    return dash < 0 ? null : trace.substring(0, dash);
  }

  public Promotion withState(PromotionState next, Instant at, String why) {
    Transitions.require(state, next);
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        next,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        at,
        previousReleaseTag,
        why == null ? reason : why,
        version,
        breakGlass,
        trace);
  }

  public Promotion withStep(Step next, int attemptCount, Instant at) {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        next,
        failedStep,
        attemptCount,
        requestedAt,
        expiresAt,
        at,
        previousReleaseTag,
        reason,
        version,
        breakGlass,
        trace);
  }

  public Promotion withFailure(Step failed, Step recoveryStep, String why, Instant at) {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        recoveryStep,
        failed,
        0,
        requestedAt,
        expiresAt,
        at,
        previousReleaseTag,
        why,
        version,
        breakGlass,
        trace);
  }

  public Promotion withPrevious(String previousTag) {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousTag,
        reason,
        version,
        breakGlass,
        trace);
  }

  /** This promotion with (or, given null, without) a break-glass reason. */
  public Promotion withBreakGlass(BreakGlass value) {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        kind,
        releaseTag,
        digests,
        requester,
        state,
        step,
        failedStep,
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousReleaseTag,
        reason,
        version,
        value,
        trace);
  }

  /** True for a break-glass promotion. */
  public boolean breaksGlass() {
    return breakGlass != null;
  }

  /** The key of the (app, environment) pair this promotion executes against. */
  public String laneKey() {
    return app + "/" + env;
  }
}
