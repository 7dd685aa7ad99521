package dev.baton.pipeline.gate;

import static dev.baton.testing.Builders.aPromotion;
import static dev.baton.testing.Builders.anEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.guard.Verdict;
import dev.baton.pipeline.guard.Verdict.Code;
import dev.baton.pipeline.model.Blackout;
import dev.baton.pipeline.model.DeploymentSchedule;
import dev.baton.pipeline.model.DeploymentWindow;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.PromotionKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The window gate's verdicts and the words people read. */
class WindowGateTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final EnvironmentDefinition PROD =
      anEnvironment("prod")
          .build()
          .withSchedule(
              new DeploymentSchedule(
                  List.of(
                      new DeploymentWindow(
                          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                          LocalTime.of(9, 0),
                          LocalTime.of(16, 0),
                          BERLIN)),
                  List.of(
                      new Blackout(
                          LocalDateTime.parse("2026-12-20T00:00"),
                          LocalDateTime.parse("2027-01-04T09:00"),
                          BERLIN,
                          "holiday freeze"))));

  static Verdict check(PromotionKind kind, Instant now) {
    return Gates.IN_WINDOW.check(
        new GateInput(aPromotion().kind(kind).build(), PROD, null, null, now));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case            | at                   | reason                                                                                         | until
          outside a window  | 2026-12-03T15:30:00Z | outside prod's deployment window (Mon–Thu 09:00–16:00 Europe/Berlin); opens 2026-12-07T08:00:00Z | 2026-12-07T08:00:00Z
          in a blackout     | 2026-12-21T09:00:00Z | prod is in a blackout (holiday freeze) until 2027-01-04T08:00:00Z; opens 2027-01-04T08:00:00Z   | 2027-01-04T08:00:00Z
          """)
  void aPromotionWaitsUntilTheNextOpeningAndSaysWhy(
      String name, Instant at, String reason, Instant until) {
    assertThat(check(PromotionKind.PROMOTION, at))
        .isEqualTo(Verdict.notYet(Code.OUTSIDE_WINDOW, reason, until));
    assertThat(check(PromotionKind.AUTO_DEPLOY, at)).isInstanceOf(Verdict.NotYet.class);
  }

  @ParameterizedTest(name = "{0} inside a window")
  @EnumSource(PromotionKind.class)
  void everyKindStartsInsideAWindow(PromotionKind kind) {
    assertThat(check(kind, Instant.parse("2026-12-03T08:00:00Z"))).isEqualTo(Verdict.ALLOWED);
  }

  @ParameterizedTest(name = "at {0}")
  @CsvSource({"2026-12-03T15:30:00Z", "2026-12-21T09:00:00Z"})
  void aRollbackIsNeverHeld(Instant at) {
    assertThat(check(PromotionKind.ROLLBACK, at)).isEqualTo(Verdict.ALLOWED);
  }
}
