package dev.baton.pipeline.port;

/** Resolves user-group membership (Slack user groups). */
public interface Directory {
  boolean isMember(String userId, String groupId);

  /** A directory that knows no groups. */
  Directory NONE = (user, group) -> false;
}
