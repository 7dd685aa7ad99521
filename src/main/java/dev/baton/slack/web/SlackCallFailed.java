package dev.baton.slack.web;

import java.time.Duration;

/**
 * A Web API call that did not succeed. Decided in one place ({@link SlackWeb}): whether trying
 * again can help, and how long Slack asked us to wait (HTTP 429 {@code Retry-After}).
 */
public class SlackCallFailed extends RuntimeException {
  private final String error;
  private final boolean retryable;
  private final Duration retryAfter;

  public SlackCallFailed(String method, String error, boolean retryable, Duration retryAfter) {
    super(method + ": " + error, null, false, false);
    this.error = error;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** Slack's error code ({@code channel_not_found}) or a short description of the failure. */
  public String error() {
    return error;
  }

  public boolean retryable() {
    return retryable;
  }

  /** How long Slack asked us to wait, or null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
