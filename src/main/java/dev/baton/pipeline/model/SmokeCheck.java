package dev.baton.pipeline.model;

import java.time.Duration;

/**
 * An HTTP check run after the rollout in one environment.
 *
 * @param revisionField JSON field (dotted path) that must equal the release's commit or tag; null
 *     to check the status only
 * @param deadline keep retrying until this long after the first attempt
 */
public record SmokeCheck(
    String env, String url, int expectedStatus, String revisionField, Duration deadline) {}
