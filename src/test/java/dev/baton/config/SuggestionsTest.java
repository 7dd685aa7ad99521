package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final Set<String> POLICY = ConfigurationKeys.POLICY;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "required-aprovals, required-approvals",
    "requiredApprovals, required-approvals",
    "aprovers, approvers",
    "minimum-bak, minimum-bake",
    "aproval-tl, approval-ttl",
    "auto-deploi, auto-deploy",
  })
  void aKeyAFewLettersOffIsSuggested(String typed, String expected) {
    assertThat(ConfigurationKeys.unknownKey(typed, POLICY))
        .isEqualTo("unknown key; did you mean " + expected + "?");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"colour", "bake", "approvals-required", "ttl", "x"})
  void aKeyFarFromEveryKnownOneGetsTheListInstead(String typed) {
    assertThat(Suggestions.closest(typed, POLICY)).isEqualTo(Optional.empty());
    assertThat(ConfigurationKeys.unknownKey(typed, POLICY))
        .startsWith("unknown key (known keys here: ")
        .contains("required-approvals");
  }

  @ParameterizedTest(name = "{0} / {1} = {2}")
  @CsvSource({"kitten, sitting, 3", "abc, abc, 0", "'', abc, 3", "lease-tll, lease-ttl, 1"})
  void editDistanceCountsInsertionsDeletionsAndSubstitutions(String a, String b, int expected) {
    assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
    assertThat(Suggestions.distance(b, a)).isEqualTo(expected);
  }
}
