package dev.baton.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A {@link java.time.Duration} setting that must be longer than zero ({@code @Positive} does not
 * apply to durations). Checked by {@link PositiveDurationValidator} when the settings are bound,
 * and by {@link SettingsCheck} first, with the key in the message.
 */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {})
public @interface PositiveDuration {
  String message() default "must be positive";

  Class<?>[] groups() default {};

  Class<?>[] payload() default {};
}
