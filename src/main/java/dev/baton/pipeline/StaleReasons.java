package dev.baton.pipeline;

import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.Promotion;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why a promotion is stale, in words that name both releases and their digests alike. */
public final class StaleReasons {
  private StaleReasons() {}

  /**
   * The source link's recorded release is no longer the promotion's: "stale: sandbox runs
   * 2026.11.22.0002 (main-app sha256:0123456789ab, …), not 2026.11.22.0001 (…) as recorded".
   */
  public static String sourceMoved(Promotion p, Optional<Deployment> source) {
    String recorded = release(p.releaseTag(), p.digests());
    if (source.isEmpty()) {
      return "stale: " + p.sourceEnv() + " has no release recorded now, not " + recorded;
    }
    Deployment d = source.get();
    return "stale: "
        + p.sourceEnv()
        + " runs "
        + release(d.releaseTag(), d.digests())
        + ", not "
        + recorded
        + " as recorded";
  }

  /**
   * A GitOps source link whose branch head and cluster disagree: "stale: in sandbox Git
   * (3f2a9c1d0b4e) holds main-app sha256:…; the cluster runs main-app sha256:…: Git is ahead of the
   * cluster (the controller has not synced yet)".
   */
  public static String gitDisagrees(ThreeWayDrift drift) {
    return "stale: " + drift.describe();
  }

  /** A release and its digests, each shortened the same way: "T (main-app sha256:0123…)". */
  public static String release(String tag, Map<String, String> digests) {
    return tag
        + " ("
        + digests.entrySet().stream()
            .map(e -> e.getKey() + " " + digest(e.getValue()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** A digest as every reason shows it: {@code sha256:} and its first 12 hex digits. */
  public static String digest(String digest) {
    return digest == null
        ? "no digest"
        : digest.startsWith("sha256:") ? "sha256:" + Digests.shortDigest(digest) : digest;
  }
}
