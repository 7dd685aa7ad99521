package dev.baton.pipeline.guard;

import java.time.Instant;

/**
 * The answer of a guard or gate: allowed; denied with a reason people can read as-is; or not yet,
 * with the reason and the instant at which asking again may give another answer.
 */
public sealed interface Verdict {
  Verdict ALLOWED = new Allowed();

  static Verdict deny(Code code, String reason) {
    return new Denied(code, reason);
  }

  /**
   * @param until when to look again; null when only another event (an unfreeze) can change it
   */
  static Verdict notYet(Code code, String reason, Instant until) {
    return new NotYet(code, reason, until);
  }

  default boolean allowed() {
    return this instanceof Allowed;
  }

  /** Allowed. */
  record Allowed() implements Verdict {}

  /** Something stands in the way: a denial, or a wait. */
  sealed interface Blocked extends Verdict permits Denied, NotYet {
    Code code();

    String reason();
  }

  /** Denied, and why: asking again later gives the same answer. */
  record Denied(Code code, String reason) implements Blocked {}

  /** Not now, and why; look again at {@code until} (null: when something else changes). */
  record NotYet(Code code, String reason, Instant until) implements Blocked {}

  /** Kinds of denial; the service decides per kind whether to wait, refuse or cancel. */
  enum Code {
    /** The person may not do this under the environment's policy. */
    NOT_ALLOWED,
    /** The environment is frozen; wait for the freeze to end. */
    FROZEN,
    /** The release has not baked long enough in the source link; wait. */
    BAKING,
    /** What runs in the source link is no longer what the promotion carries. */
    STALE,
    /** The environment already runs these digests. */
    NOTHING_TO_DO,
    /** Approvals are missing. */
    UNAPPROVED,
    /** The approval time-to-live has passed. */
    EXPIRED,
    /** Outside the environment's deployment windows, or in a blackout; wait for the opening. */
    OUTSIDE_WINDOW,
    /** The release is older than what runs in the environment; that is a rollback's job. */
    DOWNGRADE
  }
}
