package dev.baton.pipeline.dora;

import java.time.Instant;

/** The four DORA figures of one lane over [{@code from}, {@code to}). */
public record DoraFigures(
    String app,
    String env,
    Instant from,
    Instant to,
    Frequency frequency,
    LeadTime leadTime,
    FailureRate failureRate,
    Restore restore) {

  /** Changes deployed (auto-deploys and promotions that succeeded); rollbacks are counted apart. */
  public record Frequency(
      int deployments, int rollbacks, double perDay, double perWeek, Band band) {}

  /**
   * Commit (or, when CI gave no commit time, registration) to the deployment in this environment.
   */
  public record LeadTime(
      DurationSummary duration, int fromCommit, int fromRegistration, Band band) {}

  /** Changes followed within the failure window by a failure, as a share of changes. */
  public record FailureRate(int deployments, int failed, Double rate, Band band) {}

  /** Failure (or rollback request) to the next successful deployment; open: none yet. */
  public record Restore(DurationSummary duration, int open, Band band) {}
}
