package dev.baton.slack.web;

import dev.baton.pipeline.port.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user-group membership ({@code usergroups.users.list}), cached for a short while so that a
 * burst of clicks asks Slack once. When Slack cannot be asked, the last known members are used;
 * with none known, nobody is a member (authorisation fails closed).
 */
public final class UsergroupDirectory implements Directory {
  private static final Logger LOG = LoggerFactory.getLogger(UsergroupDirectory.class);

  private final SlackWeb web;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Members> cache = new ConcurrentHashMap<>();

  private record Members(Set<String> users, Instant fetchedAt) {}

  public UsergroupDirectory(SlackWeb web, Duration ttl, Clock clock) {
    this.web = web;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public boolean isMember(String userId, String groupId) {
    return members(groupId).contains(userId);
  }

  private Set<String> members(String group) {
    Instant now = clock.instant();
    Members known = cache.get(group);
    if (known != null && now.isBefore(known.fetchedAt().plus(ttl))) {
      return known.users();
    }
    try {
      Members fresh = new Members(Set.copyOf(web.groupMembers(group)), now);
      cache.put(group, fresh);
      return fresh.users();
    } catch (SlackCallFailed e) {
      LOG.warn(
          "could not read the members of user group {} ({}); {}",
          group,
          e.error(),
          known == null ? "treating it as empty" : "using the members read earlier");
      return known == null ? Set.of() : known.users();
    }
  }
}
