package dev.baton.pipeline.guard;

/** The answer of a guard: allowed, or denied with a reason people can read as-is. */
public sealed interface Verdict {
  Verdict ALLOWED = new Allowed();

  static Verdict deny(Code code, String reason) {
    return new Denied(code, reason);
  }

  default boolean allowed() {
    return this instanceof Allowed;
  }

  /** Allowed. */
  record Allowed() implements Verdict {}

  /** Denied, and why. */
  record Denied(Code code, String reason) implements Verdict {}

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
    UNAPPROVED
  }
}
