package dev.baton.pipeline.plan;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;

/** Ends a running promotion in one write; the closing steps call it. */
public interface PromotionEnd {
  /** Records the deployment and moves the promotion to SUCCEEDED. */
  Promotion succeed(Promotion promotion);

  /** Moves the promotion to {@code end} (FAILED or ROLLED_BACK); the inventory stays as it is. */
  Promotion close(Promotion promotion, PromotionState end, String reason);
}
