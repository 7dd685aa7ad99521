package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.pipeline.PipelineQueries.ChainVerification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The audit chain's health.
 *
 * @param events rows that verified before the first problem (all rows when valid)
 * @param headHash hash of the last row that verified
 * @param problem the first problem found; null when valid
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChainView(boolean valid, long events, String headHash, @Nullable String problem) {
  public static ChainView of(ChainVerification v) {
    return new ChainView(v.valid(), v.events(), v.headHash(), v.problem());
  }
}
