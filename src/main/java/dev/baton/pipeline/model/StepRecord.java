package dev.baton.pipeline.model;

import java.time.Instant;

/** The persisted outcome of one step of one promotion. */
public record StepRecord(
    String promotionId, Step step, Status status, Instant at, int attempt, String detail) {
  /** Outcome of a step attempt. */
  public enum Status {
    STARTED,
    SUCCEEDED,
    SKIPPED,
    RETRYING,
    FAILED
  }
}
