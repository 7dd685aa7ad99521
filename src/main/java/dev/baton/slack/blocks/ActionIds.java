package dev.baton.slack.blocks;

/**
 * The {@code action_id}s of Baton's buttons (and its modal's callback id), shared by the message
 * builders and the listeners.
 */
public final class ActionIds {
  /** Promote a release to the next environment; value: {@link ButtonValue} app, env, tag. */
  public static final String PROMOTE = "baton_promote";

  /** Approve a promotion; value: the promotion id. */
  public static final String APPROVE = "baton_approve";

  /** Reject a promotion; value: the promotion id. */
  public static final String REJECT = "baton_reject";

  /**
   * Roll an environment back; value: {@link ButtonValue} app, env, target tag, and the tag the
   * environment ran when the button was drawn (a click after it changed is refused as outdated).
   */
  public static final String ROLLBACK = "baton_rollback";

  /**
   * The {@code callback_id} of the promotion request modal ({@link PromoteRequestView}) opened by
   * {@code /promote} without an app and environment.
   */
  public static final String PROMOTE_REQUEST = "baton.promote-request";

  private ActionIds() {}
}
