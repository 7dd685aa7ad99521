package dev.baton.pipeline;

import dev.baton.pipeline.gate.Gate;
import dev.baton.pipeline.gate.Gates;
import java.util.List;

/**
 * The ordered gate list of each moment of a promotion, used everywhere that moment is decided (and
 * by {@link Gates#blockers} for display).
 */
final class PromotionGates {
  private PromotionGates() {}

  /** When someone approves, and when the sweeper looks at a request waiting for approval. */
  static final List<Gate> AT_APPROVAL = List.of(Gates.NOT_EXPIRED, Gates.SOURCE_STILL_CURRENT);

  /** Just before an approved promotion starts, inside the write that moves it to RUNNING. */
  static final List<Gate> AT_START =
      List.of(
          Gates.NOT_FROZEN,
          Gates.BAKED,
          Gates.SOURCE_RUNS_EXACTLY,
          Gates.ROLLBACK_RAN_HERE,
          Gates.APPROVED,
          Gates.digestsDiffer((in, p) -> RollbackDesk.leftUnsettled(in.store(), p.app(), p.env())));
}
