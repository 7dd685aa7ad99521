package dev.baton.config;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Micronaut's check of {@link PositiveDuration}; an absent value is left to {@code @NotNull}. */
@Singleton
public class PositiveDurationValidator implements ConstraintValidator<PositiveDuration, Duration> {
  @Override
  public boolean isValid(
      Duration value,
      AnnotationValue<PositiveDuration> annotation,
      ConstraintValidatorContext context) {
    return value == null || (!value.isNegative() && !value.isZero());
  }
}
