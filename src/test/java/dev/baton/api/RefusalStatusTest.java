package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.Refusal;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RefusalStatusTest {
  @ParameterizedTest
  @CsvSource({
    "INVALID, 422, 422",
    "NOT_FOUND, 404, 422",
    "FORBIDDEN, 403, 403",
    "CONFLICT, 409, 409",
    "NOT_NOW, 409, 409",
    "UNAVAILABLE, 503, 503"
  })
  void eachKindHasOneStatusAndRegistrationTreatsMissingThingsAsInvalidInput(
      Refusal.Kind kind, int status, int registrationStatus) {
    assertThat(RefusalStatus.of(kind).getCode()).isEqualTo(status);
    assertThat(RefusalStatus.ofRegistration(kind).getCode()).isEqualTo(registrationStatus);
  }

  @ParameterizedTest
  @EnumSource(Refusal.Kind.class)
  void noRefusalIsAServerError(Refusal.Kind kind) {
    assertThat((Object) RefusalStatus.of(kind)).isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
