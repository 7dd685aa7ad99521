package dev.baton.pipeline.plan;

import dev.baton.pipeline.model.PromotionState;

/** Closes the promotion as FAILED with the reason of its failure; the inventory is untouched. */
final class CloseFailed implements PromotionStep {
  private final PromotionEnd end;

  CloseFailed(PromotionEnd end) {
    this.end = end;
  }

  @Override
  public boolean closes() {
    return true;
  }

  @Override
  public StepOutcome run(StepContext c) {
    return new StepOutcome.Ended(
        end.close(c.promotion(), PromotionState.FAILED, c.promotion().reason()));
  }
}
