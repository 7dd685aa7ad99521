package dev.baton.pipeline.model;

/**
 * What the core asks the audit log to record; the store assigns the sequence number, time and
 * hashes. Null fields mean "not applicable". Never put secrets in {@code detail}.
 */
public record AuditEntry(
    String actor,
    String action,
    String app,
    String env,
    String releaseTag,
    String promotionId,
    String detail) {
  /** An event about {@code p}; a traced promotion's events end with its trace id. */
  public static AuditEntry of(String actor, String action, Promotion p, String detail) {
    String traced =
        p.traceId() == null
            ? detail
            : (detail == null ? "" : detail + "; ") + "trace " + p.traceId();
    return new AuditEntry(actor, action, p.app(), p.env(), p.releaseTag(), p.id(), traced);
  }
}
