package dev.baton.pipeline.model;

/**
 * One named PromQL query and the condition every series it returns must satisfy.
 *
 * @param name shown to people, e.g. {@code error-rate}
 * @param query PromQL with {@code {{app}}}, {@code {{env}}}, {@code {{namespace}}}, {@code
 *     {{release}}} and {@code {{digest.<workload>}}} placeholders
 * @param successWhen e.g. {@code < 0.01}
 * @param onEmpty what a result without any series means
 */
public record MetricCheck(
    String name, String query, SuccessCondition successWhen, OnEmpty onEmpty) {

  /** What a query that returns no series means for its check. */
  public enum OnEmpty {
    /** Not known yet (e.g. no traffic so far): the evaluation is inconclusive. */
    WAIT,
    /** No series is no problem (e.g. no errors were counted at all). */
    PASS,
    /** The metric must exist: no series fails the check. */
    FAIL
  }
}
