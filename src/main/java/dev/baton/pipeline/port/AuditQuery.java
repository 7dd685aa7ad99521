package dev.baton.pipeline.port;

import java.time.Instant;

/**
 * A filter over the audit log; null fields do not filter. Results come newest first, at most {@code
 * limit}, all with {@code seq < beforeSeq} when that is set (for paging).
 */
public record AuditQuery(
    String app,
    String env,
    String releaseTag,
    String actor,
    Instant from,
    Instant to,
    Long beforeSeq,
    int limit) {
  public static AuditQuery latest(int limit) {
    return new AuditQuery(null, null, null, null, null, null, null, limit);
  }
}
