package dev.baton.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import java.time.Instant;

/**
 * The conversions of {@link UtcInstantConverter}. Micronaut Data needs a persisted type it knows
 * ({@code OffsetDateTime}), but the PostgreSQL driver's {@code getObject} returns a {@code
 * java.sql.Timestamp} for the same column: written against a type parameter, these methods take the
 * raw value with no bridge method casting it first.
 *
 * @param <P> the declared persisted type
 */
abstract class LenientInstantConverter<P> implements AttributeConverter<Instant, P> {
  @Override
  @SuppressWarnings("unchecked")
  public P convertToPersistedValue(Instant entityValue, ConversionContext context) {
    return (P) UtcTime.toDb(entityValue);
  }

  @Override
  public Instant convertToEntityValue(P persistedValue, ConversionContext context) {
    return UtcTime.fromDb(persistedValue);
  }
}
