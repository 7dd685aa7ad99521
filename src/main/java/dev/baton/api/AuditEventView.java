package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.pipeline.model.AuditEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One audit row, with the same field names as the CSV export's columns where they differ. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventView(
    long seq,
    String at,
    String actor,
    String action,
    @Nullable String app,
    @Nullable String env,
    @Nullable String release,
    @Nullable String promotion,
    @Nullable String detail,
    String prevHash,
    String hash) {
  public static AuditEventView of(AuditEvent e) {
    return new AuditEventView(
        e.seq(),
        Instants.text(e.at()),
        e.actor(),
        e.action(),
        e.app(),
        e.env(),
        e.releaseTag(),
        e.promotionId(),
        e.detail(),
        e.prevHash(),
        e.hash());
  }
}
