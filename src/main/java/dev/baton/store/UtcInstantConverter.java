package dev.baton.store;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Maps {@link Instant} properties of the row records to {@code TIMESTAMP WITH TIME ZONE} columns in
 * UTC (see {@link UtcTime}); used with {@code @TypeDef(type = DataType.OBJECT, converter = ...)}.
 */
@Singleton
public class UtcInstantConverter implements AttributeConverter<Instant, Object> {
  @Override
  public Object convertToPersistedValue(Instant entityValue, ConversionContext context) {
    return UtcTime.toDb(entityValue);
  }

  @Override
  public Instant convertToEntityValue(Object persistedValue, ConversionContext context) {
    return UtcTime.fromDb(persistedValue);
  }
}
