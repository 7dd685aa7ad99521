package dev.baton.pipeline;

/**
 * A request the pipeline refused. Nothing changed except, for denials, an audit event. The message
 * is written for the person who asked and is shown as-is.
 */
public class Refusal extends RuntimeException {
  private final Kind kind;

  public Refusal(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** What sort of refusal, so adapters can choose a status code or a wording. */
  public enum Kind {
    /** Malformed input: an unknown field value, a floating tag, a bad digest. */
    INVALID,
    /** An app, environment, release or promotion that does not exist. */
    NOT_FOUND,
    /** The person may not do this; an audit event records the attempt. */
    FORBIDDEN,
    /** Contradicts what is recorded: same tag with other digests, already decided, in progress. */
    CONFLICT,
    /** Not possible now: frozen, nothing to roll back to, source not healthy. */
    NOT_NOW,
    /** A system Baton depends on (registry, cluster) did not answer; trying later may work. */
    UNAVAILABLE
  }

  public static Refusal invalid(String message) {
    return new Refusal(Kind.INVALID, message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, message);
  }

  public static Refusal forbidden(String message) {
    return new Refusal(Kind.FORBIDDEN, message);
  }

  public static Refusal conflict(String message) {
    return new Refusal(Kind.CONFLICT, message);
  }

  public static Refusal unavailable(String message) {
    return new Refusal(Kind.UNAVAILABLE, message);
  }

  public static Refusal notNow(String message) {
    return new Refusal(Kind.NOT_NOW, message);
  }
}
