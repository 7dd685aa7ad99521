package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.Principals;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.blocks.Text;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small text helpers every message uses, and the values Baton's buttons carry. */
class BlockTextTest {
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(new ButtonValue("credreg", "prod", "2026.11.22.0001", null)),
        Arguments.of(new ButtonValue("credreg", "prod", "2026.11.22.0001", "2026.11.22.0002")),
        Arguments.of(new ButtonValue("credreg", "sandbox", null, null)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void buttonValuesRoundTrip(ButtonValue v) {
    assertThat(ButtonValue.decode(v.encode())).isEqualTo(v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "prod", "a|b|c", "|prod||", "credreg||x|y", "a|b|c|d|e"})
  void foreignValuesAreRefused(String value) {
    assertThatThrownBy(() -> ButtonValue.decode(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mrkdwnIsEscapedAndClippedWithoutSplittingACharacter() {
    assertThat(Text.escape("<b> & <@U1>")).isEqualTo("&lt;b&gt; &amp; &lt;@U1&gt;");
    assertThat(Text.clip("abcdef", 4)).isEqualTo("abc…");
    assertThat(Text.clip("ab😀", 3)).isEqualTo("ab…");
    assertThat(Text.clip("abc", 3)).isEqualTo("abc");
  }

  @Test
  void linesThatDoNotFitAreCountedNotCut() {
    String joined = Text.lines(List.of("a".repeat(40), "b".repeat(40), "c".repeat(40)), 70);
    assertThat(joined)
        .startsWith("a".repeat(40))
        .contains("… and 2 more")
        .hasSizeLessThanOrEqualTo(70);
  }

  @Test
  void peopleAndGroupsBecomeMentions() {
    assertThat(Text.mentions(new Principals(Set.of("U0BBB2", "U0AAA1"), Set.of("S0REL1"))))
        .isEqualTo("<@U0AAA1> <@U0BBB2> <!subteam^S0REL1>");
    assertThat(Text.mentions(Principals.NOBODY)).isEqualTo("nobody");
    assertThat(Text.user("ci")).isEqualTo("ci");
    assertThat(Text.reason("rejected by UAPPROVER1: not <today>"))
        .isEqualTo("rejected by <@UAPPROVER1>: not &lt;today&gt;");
  }

  @Test
  void datesShowInTheReadersZoneWithAUtcFallback() {
    assertThat(Text.date(java.time.Instant.parse("2026-11-22T09:30:12Z")))
        .isEqualTo("<!date^1795339812^{date_short_pretty} {time}|2026-11-22 09:30 UTC>");
  }
}
