package dev.baton.pipeline.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One immutable build of an app: registered once by CI, never changed afterwards.
 *
 * @param digests workload name to {@code sha256:} digest, one per workload of the app
 * @param committedAt when the commit was made, as CI reported it; null when CI did not say (lead
 *     time then counts from {@code registeredAt})
 */
public record Release(
    String app,
    String tag,
    String commit,
    String buildUrl,
    Map<String, String> digests,
    Instant registeredAt,
    String registeredBy,
    Instant committedAt) {
  public Release(
      String app,
      String tag,
      String commit,
      String buildUrl,
      Map<String, String> digests,
      Instant registeredAt,
      String registeredBy) {
    this(app, tag, commit, buildUrl, digests, registeredAt, registeredBy, null);
  }

  public Release {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(tag, "tag");
    digests = Collections.unmodifiableSortedMap(new TreeMap<>(digests));
  }

  /** True when the other release is the same build: same tag, commit and digests. */
  public boolean sameBuildAs(Release other) {
    return tag.equals(other.tag)
        && Objects.equals(commit, other.commit)
        && digests.equals(other.digests);
  }
}
