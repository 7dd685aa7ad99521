package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of audit events, newest first.
 *
 * @param next the path and query of the following (older) page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditPageView(List<AuditEventView> events, @Nullable String next) {}
