package dev.baton.testing;

import dev.baton.pipeline.model.Step;
import dev.baton.pipeline.model.StepRecord;
import java.time.Instant;

/**
 * A {@link StepRecord}: promotion {@code p1} started {@link Step#VERIFY_IMAGES} at {@link
 * Builders#NOW}, first attempt, no detail.
 */
public final class StepRecordBuilder {
  private String promotionId = "p1";
  private Step step = Step.VERIFY_IMAGES;
  private StepRecord.Status status = StepRecord.Status.STARTED;
  private Instant at = Builders.NOW;
  private int attempt = 1;
  private String detail;

  StepRecordBuilder() {}

  public StepRecordBuilder of(String value) {
    promotionId = value;
    return this;
  }

  public StepRecordBuilder step(Step value) {
    step = value;
    return this;
  }

  public StepRecordBuilder status(StepRecord.Status value) {
    status = value;
    return this;
  }

  public StepRecordBuilder at(Instant value) {
    at = value;
    return this;
  }

  public StepRecordBuilder attempt(int value) {
    attempt = value;
    return this;
  }

  public StepRecordBuilder detail(String value) {
    detail = value;
    return this;
  }

  public StepRecord build() {
    return new StepRecord(promotionId, step, status, at, attempt, detail);
  }
}
