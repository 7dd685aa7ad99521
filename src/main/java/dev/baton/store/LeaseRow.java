package dev.baton.store;

import dev.baton.pipeline.model.Lease;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A row of {@code lease}: who executes the promotion of one lane. */
@MappedEntity("lease")
record LeaseRow(
    @Id String lane,
    @Nullable String promotionId,
    @Nullable String owner,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        Instant expiresAt,
    boolean handedOver) {

  static LeaseRow of(Lease l) {
    return new LeaseRow(l.lane(), l.promotionId(), l.owner(), l.expiresAt(), l.handedOver());
  }

  Lease toModel() {
    return new Lease(lane, promotionId, owner, expiresAt, handedOver);
  }
}
