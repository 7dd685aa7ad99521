package dev.baton.testing;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Release;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Release} with the credreg defaults: build {@code Fixtures.tag(1)}, a digest for each of
 * main-app and worker-app, no commit or build URL, registered by {@code ci} at {@link
 * Builders#NOW}.
 */
public final class ReleaseBuilder {
  private String app = "credreg";
  private String tag = Fixtures.tag(1);
  private String commit;
  private String buildUrl;
  private Map<String, String> digests = new LinkedHashMap<>(Builders.credregDigests(1));
  private Instant registeredAt = Builders.NOW;
  private Instant committedAt;
  private String registeredBy = "ci";

  ReleaseBuilder() {}

  public ReleaseBuilder ofApp(String value) {
    app = value;
    return this;
  }

  public ReleaseBuilder withTag(String value) {
    tag = value;
    return this;
  }

  public ReleaseBuilder withCommit(String value) {
    commit = value;
    return this;
  }

  public ReleaseBuilder withBuildUrl(String value) {
    buildUrl = value;
    return this;
  }

  /** Replaces all digests (workload name to digest). */
  public ReleaseBuilder withDigests(Map<String, String> value) {
    digests = new LinkedHashMap<>(value);
    return this;
  }

  /** Sets (or adds) one workload's digest. */
  public ReleaseBuilder withDigest(String workload, String digest) {
    digests.put(workload, digest);
    return this;
  }

  public ReleaseBuilder registeredAt(Instant value) {
    registeredAt = value;
    return this;
  }

  public ReleaseBuilder registeredBy(String value) {
    registeredBy = value;
    return this;
  }

  public ReleaseBuilder committedAt(Instant value) {
    committedAt = value;
    return this;
  }

  public Release build() {
    return new Release(
        app, tag, commit, buildUrl, digests, registeredAt, registeredBy, committedAt);
  }
}
