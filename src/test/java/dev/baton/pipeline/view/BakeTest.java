package dev.baton.pipeline.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bake done and left: the one computation behind every surface. */
class BakeTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  static final Duration DAY = Duration.ofHours(24);

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, completed ago (null: never ran there), minimum, done, left, complete
        Arguments.of("just arrived", Duration.ZERO, DAY, Duration.ZERO, DAY, false),
        Arguments.of(
            "part way",
            Duration.ofHours(18),
            DAY,
            Duration.ofHours(18),
            Duration.ofHours(6),
            false),
        Arguments.of("exactly baked", DAY, DAY, DAY, Duration.ZERO, true),
        Arguments.of(
            "long past: done stops at the minimum",
            Duration.ofDays(3),
            DAY,
            DAY,
            Duration.ZERO,
            true),
        Arguments.of("not run there yet", null, DAY, Duration.ZERO, DAY, false),
        Arguments.of(
            "a clock behind the record", Duration.ofMinutes(-5), DAY, Duration.ZERO, DAY, false),
        Arguments.of(
            "no bake required", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bake(
      String name, Duration ago, Duration minimum, Duration done, Duration left, boolean complete) {
    Bake b = Bake.of(ago == null ? null : NOW.minus(ago), minimum, NOW);
    assertThat(b.minimum()).isEqualTo(minimum);
    assertThat(b.done()).isEqualTo(done);
    assertThat(b.left()).isEqualTo(left);
    assertThat(b.complete()).isEqualTo(complete);
  }
}
