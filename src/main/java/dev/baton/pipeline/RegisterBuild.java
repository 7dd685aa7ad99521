package dev.baton.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * CI's registration of one build: one digest per workload of the app.
 *
 * @param committedAt when the commit was made, if CI said; null otherwise
 */
public record RegisterBuild(
    String app,
    String tag,
    String commit,
    String buildUrl,
    Map<String, String> digests,
    Instant committedAt) {
  public RegisterBuild(
      String app, String tag, String commit, String buildUrl, Map<String, String> digests) {
    this(app, tag, commit, buildUrl, digests, null);
  }
}
