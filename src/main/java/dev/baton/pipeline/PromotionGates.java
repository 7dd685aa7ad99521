package dev.baton.pipeline;

import dev.baton.pipeline.gate.Gate;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.PromotionKind;
import java.util.List;

/**
 * The ordered gate list of each moment of a promotion, used everywhere that moment is decided (and
 * by {@link Gates#blockers} for display).
 */
final class PromotionGates {
  private PromotionGates() {}

  /**
   * A rollback goes backwards only: the rollback rules applied again to the inventory of the moment
   * it starts (it may have waited for approvals).
   */
  static final Gate ROLLBACK_STILL_VALID =
      in ->
          in.promotion().kind() == PromotionKind.ROLLBACK
              ? RollbackRules.stillValid(in.store(), in.promotion())
              : Verdict.ALLOWED;

  /**
   * A promotion never moves an environment back to a release registered before the one it runs:
   * that is a rollback, with the rollback rules (what ran there, its approvals, the freeze after).
   */
  static final Gate NO_DOWNGRADE =
      in ->
          in.promotion().kind() == PromotionKind.PROMOTION
              ? Downgrades.check(in.store(), in.promotion())
              : Verdict.ALLOWED;

  /** When a promotion is requested, inside the write that creates it. */
  static final List<Gate> AT_REQUEST =
      List.of(Gates.DIGESTS_DIFFER, NO_DOWNGRADE, Gates.NOT_FROZEN);

  /** When someone approves, and when the sweeper looks at a request waiting for approval. */
  static final List<Gate> AT_APPROVAL = List.of(Gates.NOT_EXPIRED, Gates.SOURCE_STILL_CURRENT);

  /** Just before an approved promotion starts, inside the write that moves it to RUNNING. */
  static final List<Gate> AT_START =
      List.of(
          Gates.NOT_FROZEN,
          Gates.BAKED,
          Gates.SOURCE_RUNS_EXACTLY,
          Gates.SOURCE_GIT_AGREES,
          ROLLBACK_STILL_VALID,
          Gates.APPROVED,
          Gates.DIGESTS_DIFFER,
          NO_DOWNGRADE,
          Gates.IN_WINDOW);
}
