package dev.baton.slack.commands;

/** The words typed do not fit the command; the message says what is wrong, for people. */
public class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message, null, false, false);
  }
}
