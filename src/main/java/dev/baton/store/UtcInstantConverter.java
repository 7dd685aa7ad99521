package dev.baton.store;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Maps {@link Instant} properties of the row records to {@code TIMESTAMP WITH TIME ZONE} columns in
 * UTC (see {@link UtcTime}). Use as {@code @MappedProperty(type = DataType.OBJECT, converter =
 * UtcInstantConverter.class, converterPersistedType = OffsetDateTime.class)}: values are bound with
 * {@code setObject(OffsetDateTime)} and read with {@code getObject}, never through the JVM's
 * default time zone (Micronaut Data's own {@code Instant} mapping goes through {@code
 * java.sql.Timestamp} and that zone, which H2 gets wrong in the hour a daylight-saving time ends).
 *
 * <p>Mark such a property nullable with {@code jakarta.annotation.Nullable}: Micronaut's own
 * {@code @Nullable} is a type-use annotation, and with it Micronaut Data 4.14 silently skips the
 * converter when writing.
 */
@Singleton
public class UtcInstantConverter extends LenientInstantConverter<OffsetDateTime> {}
