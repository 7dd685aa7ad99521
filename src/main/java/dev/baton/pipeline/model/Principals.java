package dev.baton.pipeline.model;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of Slack principals: user IDs ({@code U…}, {@code W…}) and user-group IDs ({@code S…}).
 * Group membership is resolved through the {@code Directory} port.
 */
public record Principals(Set<String> users, Set<String> groups) {
  public static final Principals NOBODY = new Principals(Set.of(), Set.of());

  public Principals {
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
  }

  /** Builds principals from IDs; {@code S…} IDs are user groups, anything else a user. */
  public static Principals of(Collection<String> ids) {
    var users = new HashSet<String>();
    var groups = new HashSet<String>();
    for (String id : ids) {
      (id.startsWith("S") ? groups : users).add(id);
    }
    return new Principals(users, groups);
  }

  public boolean isEmpty() {
    return users.isEmpty() && groups.isEmpty();
  }
}
