package dev.baton.pipeline.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.SuccessCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuccessConditionTest {
  @ParameterizedTest(name = "\"{0}\" with {1} holds: {2}")
  @CsvSource({
    "< 0.01, 0.009, true",
    "< 0.01, 0.01, false",
    "<= 0.01, 0.01, true",
    "<=0.01, 0.02, false",
    "> 99.5, 99.6, true",
    "> 99.5, 99.5, false",
    ">= 99.5, 99.5, true",
    ">= 1e-3, 0.0001, false",
    "== 0, 0, true",
    "== 0, 1, false",
    "!= 0, 1, true",
    "!= 0, 0, false",
    "< -1, -2, true",
    "< .5, 0.4, true",
    "< 1, NaN, false",
    "!= 1, NaN, false",
  })
  void aConditionComparesTheValueWithItsNumber(String text, double value, boolean holds) {
    assertThat(SuccessCondition.parse(text).holds(value)).isEqualTo(holds);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "0.01", "< ", "=< 1", "< one", "< 1%", "~ 1", "< 1 2", "= 1"})
  void anythingElseIsRefusedWithTheAcceptedForm(String text) {
    assertThatThrownBy(() -> SuccessCondition.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<, <=, >, >=, ==, !=");
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({"0.023, 0.023", "12, 12", "0.000123456, 0.0001235", "1.23456789, 1.2346", "0, 0"})
  void valuesAreShownShort(double value, String shown) {
    assertThat(SuccessCondition.number(value)).isEqualTo(shown);
  }
}
