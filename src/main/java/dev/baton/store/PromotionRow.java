package dev.baton.store;

import dev.baton.pipeline.model.BreakGlass;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Step;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A row of {@code promotion}. {@code openLane} is {@code app/env} while the promotion is not
 * terminal and null afterwards; its unique constraint allows one open promotion per lane.
 */
@MappedEntity("promotion")
record PromotionRow(
    @Id String id,
    String app,
    String env,
    @Nullable String sourceEnv,
    String kind,
    String releaseTag,
    String digests,
    @Nullable String requester,
    String state,
    @Nullable String step,
    @Nullable String failedStep,
    int attempts,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        @Nullable
        Instant requestedAt,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        @Nullable
        Instant expiresAt,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        @Nullable
        Instant updatedAt,
    @Nullable String previousReleaseTag,
    @Nullable String reason,
    @Version long version,
    @Nullable String openLane,
    @Nullable String breakGlassReason,
    @Nullable String breakGlassTicket,
    @Nullable String trace) {

  static PromotionRow of(Promotion p) {
    return new PromotionRow(
        p.id(),
        p.app(),
        p.env(),
        p.sourceEnv(),
        p.kind().name(),
        p.releaseTag(),
        DigestCodec.encode(p.digests()),
        p.requester(),
        p.state().name(),
        p.step() == null ? null : p.step().name(),
        p.failedStep() == null ? null : p.failedStep().name(),
        p.attempts(),
        UtcTime.micros(p.requestedAt()),
        UtcTime.micros(p.expiresAt()),
        UtcTime.micros(p.updatedAt()),
        p.previousReleaseTag(),
        p.reason(),
        p.version(),
        p.state().terminal() ? null : p.laneKey(),
        p.breakGlass() == null ? null : p.breakGlass().reason(),
        p.breakGlass() == null ? null : p.breakGlass().ticket(),
        p.trace());
  }

  Promotion toModel() {
    return new Promotion(
        id,
        app,
        env,
        sourceEnv,
        PromotionKind.valueOf(kind),
        releaseTag,
        DigestCodec.decode(digests),
        requester,
        PromotionState.valueOf(state),
        step == null ? null : Step.valueOf(step),
        failedStep == null ? null : Step.valueOf(failedStep),
        attempts,
        requestedAt,
        expiresAt,
        updatedAt,
        previousReleaseTag,
        reason,
        version,
        breakGlassReason == null ? null : new BreakGlass(breakGlassReason, breakGlassTicket),
        trace);
  }
}
