package dev.baton.pipeline;

import dev.baton.pipeline.gate.GateInput;
import dev.baton.pipeline.gate.Gates;
import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PipelineEvent.BreakGlassAct;
import dev.baton.pipeline.port.StoreTx;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit events of break-glass promotions, each written in the write that does the act, with the
 * reason: {@code promotion.break-glass-requested}, {@code promotion.break-glass-approval} and
 * {@code promotion.break-glass-override} (the gates it went past, when it starts). The ordinary
 * events ({@code promotion.requested}, {@code promotion.approval}, …) are written as well.
 */
final class BreakGlassRecords {
  static final String REQUESTED = "promotion.break-glass-requested";
  static final String APPROVAL = "promotion.break-glass-approval";
  static final String OVERRIDE = "promotion.break-glass-override";

  private BreakGlassRecords() {}

  /** Audits the request of a break-glass promotion; returns what the channel is told. */
  static PipelineEvent requested(StoreTx tx, Promotion p, int approvals, Instant now) {
    String detail = p.breakGlass().describe() + "; needs " + approvals + " break-glass approval(s)";
    tx.audit(now, AuditEntry.of(p.requester(), REQUESTED, p, detail));
    return new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.REQUESTED, p.requester(), detail);
  }

  /** Audits one approval of a break-glass promotion. */
  static PipelineEvent approved(
      StoreTx tx, Promotion p, String approver, int have, int need, Instant now) {
    String detail = p.breakGlass().describe() + "; " + have + " of " + need + " approvals";
    tx.audit(now, AuditEntry.of(approver, APPROVAL, p, detail));
    return new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.APPROVED, approver, detail);
  }

  /**
   * Audits what a break-glass promotion overrides as it starts, inside the write that starts it;
   * null when it overrides nothing (no freeze, inside the window, baked).
   */
  static PipelineEvent overridden(StoreTx tx, GateInput in, String actor, Instant now) {
    List<Verdict.Blocked> overrides = Gates.overriddenNow(in);
    if (overrides.isEmpty()) {
      return null;
    }
    Promotion p = in.promotion();
    String detail =
        p.breakGlass().describe()
            + "; overrides: "
            + overrides.stream().map(Verdict.Blocked::reason).collect(Collectors.joining("; "));
    tx.audit(now, AuditEntry.of(actor, OVERRIDE, p, detail));
    return new PipelineEvent.BreakGlassUsed(p, BreakGlassAct.OVERRIDE, actor, detail);
  }
}
