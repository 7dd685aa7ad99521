package dev.baton.gitops;

/**
 * A file cannot be edited as asked (no such path or image entry, a shape Baton does not edit).
 * Raised before anything is committed; the message names the file and what is missing.
 */
public final class EditRefused extends RuntimeException {
  public EditRefused(String message) {
    super(message);
  }
}
