package dev.baton.pipeline.model;

import java.time.Instant;

/**
 * One row of the append-only audit log.
 *
 * @param hash SHA-256 (hex) of this row's canonical content, which includes {@code prevHash}
 */
public record AuditEvent(
    long seq,
    Instant at,
    String actor,
    String action,
    String app,
    String env,
    String releaseTag,
    String promotionId,
    String detail,
    String prevHash,
    String hash) {}
