package dev.baton.pipeline.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inventory row: release {@code releaseTag} ran successfully in {@code env} from {@code
 * completedAt}. The current release of an environment is its latest deployment.
 */
public record Deployment(
    String id,
    String app,
    String env,
    String releaseTag,
    Map<String, String> digests,
    DeploymentKind kind,
    String promotionId,
    String actor,
    Instant completedAt) {
  public Deployment {
    digests = Collections.unmodifiableSortedMap(new TreeMap<>(digests));
  }
}
