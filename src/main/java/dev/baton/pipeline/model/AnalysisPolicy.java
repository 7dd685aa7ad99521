package dev.baton.pipeline.model;

import java.time.Duration;
import java.util.List;

/**
 * An environment's metric analysis.
 *
 * @param interval time between two evaluations
 * @param duration how long the post-deploy analysis runs: {@link #evaluations()} evaluations
 * @param failureLimit failed evaluations after which the post-deploy analysis fails
 * @param checks every check of one evaluation; none means no analysis
 * @param postDeploy run the analysis as a step after the smoke checks
 * @param bake require the checks to hold over the whole minimum bake before a promotion out of this
 *     environment
 */
public record AnalysisPolicy(
    Duration interval,
    Duration duration,
    int failureLimit,
    List<MetricCheck> checks,
    boolean postDeploy,
    boolean bake) {
  /** No analysis at all. */
  public static final AnalysisPolicy NONE =
      new AnalysisPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 1, List.of(), false, false);

  public AnalysisPolicy {
    checks = List.copyOf(checks);
  }

  /** True when the post-deploy analysis step has work to do. */
  public boolean postDeployAnalysis() {
    return postDeploy && !checks.isEmpty();
  }

  /** True when promotions out of this environment need the checks held over the bake. */
  public boolean metricGatedBake() {
    return bake && !checks.isEmpty();
  }

  /**
   * Evaluations of the post-deploy analysis: one at its start and one every interval while the
   * duration lasts, at least one.
   */
  public int evaluations() {
    long n = duration.toMillis() / Math.max(1, interval.toMillis());
    return (int) Math.max(1, Math.min(10_000, n));
  }
}
