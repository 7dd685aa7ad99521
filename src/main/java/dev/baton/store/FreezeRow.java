package dev.baton.store;

import dev.baton.pipeline.model.Freeze;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A row of {@code env_freeze} ({@code freeze} is a reserved word in PostgreSQL). */
@MappedEntity("env_freeze")
record FreezeRow(
    @Id String env,
    @Nullable String frozenBy,
    @Nullable String reason,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        @Nullable
        Instant frozenAt,
    @MappedProperty(
            type = DataType.OBJECT,
            converter = UtcInstantConverter.class,
            converterPersistedType = OffsetDateTime.class)
        @Nullable
        Instant until) {

  static FreezeRow of(Freeze f) {
    return new FreezeRow(f.env(), f.frozenBy(), f.reason(), f.frozenAt(), f.until());
  }

  Freeze toModel() {
    return new Freeze(env, frozenBy, reason, frozenAt, until);
  }
}
