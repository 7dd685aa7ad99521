package dev.baton.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Windows are read off the local wall clock of their zone, blackouts override them, and the next
 * opening is the first instant that is open: across both daylight-saving changes of Europe/Berlin
 * (2027-03-28 02:00 CET → 03:00 CEST, 2027-10-31 03:00 CEST → 02:00 CET) and in other zones.
 */
class DeploymentScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static DeploymentWindow window(String days, String from, String to, String zone) {
    return new DeploymentWindow(
        DeploymentWindow.parseDays(List.of(days)),
        LocalTime.parse(from),
        LocalTime.parse(to),
        ZoneId.of(zone));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                                                | days    | from  | to    | zone             | at                   | open  | next opening
          a minute before a Berlin window opens                 | MON-THU | 09:00 | 16:00 | Europe/Berlin    | 2026-12-03T07:59:59Z | false | 2026-12-03T08:00:00Z
          the minute it opens                                   | MON-THU | 09:00 | 16:00 | Europe/Berlin    | 2026-12-03T08:00:00Z | true  | 2026-12-03T08:00:00Z
          at its close on Thursday: next Monday                 | MON-THU | 09:00 | 16:00 | Europe/Berlin    | 2026-12-03T15:00:00Z | false | 2026-12-07T08:00:00Z
          a list of days skips the days between                 | MON,WED | 09:00 | 16:00 | Europe/Berlin    | 2026-12-07T15:30:00Z | false | 2026-12-09T08:00:00Z
          spring forward: a window the clock skips does not open | SUN     | 02:00 | 03:00 | Europe/Berlin    | 2027-03-28T00:00:00Z | false | 2027-04-04T00:00:00Z
          spring forward: the skipped hour is not inside        | SUN     | 02:00 | 03:00 | Europe/Berlin    | 2027-03-28T01:00:00Z | false | 2027-04-04T00:00:00Z
          spring forward: opens when the clock jumps into it    | SUN     | 02:30 | 04:00 | Europe/Berlin    | 2027-03-28T00:30:00Z | false | 2027-03-28T01:00:00Z
          spring forward: 09:00 is an hour earlier in UTC       | MON-SUN | 09:00 | 16:00 | Europe/Berlin    | 2027-03-27T15:00:00Z | false | 2027-03-28T07:00:00Z
          spring forward: closes at 16:00 summer time           | MON-SUN | 09:00 | 16:00 | Europe/Berlin    | 2027-03-28T14:00:00Z | false | 2027-03-29T07:00:00Z
          fall back: inside in the first 02:15                  | SUN     | 02:00 | 02:30 | Europe/Berlin    | 2027-10-31T00:15:00Z | true  | 2027-10-31T00:15:00Z
          fall back: the repeated hour opens it again           | SUN     | 02:00 | 02:30 | Europe/Berlin    | 2027-10-31T00:30:00Z | false | 2027-10-31T01:00:00Z
          fall back: the clock jumps back into a window         | SUN     | 01:00 | 02:30 | Europe/Berlin    | 2027-10-31T00:45:00Z | false | 2027-10-31T01:00:00Z
          fall back: 09:00 is an hour later in UTC              | MON-SUN | 09:00 | 16:00 | Europe/Berlin    | 2027-10-30T14:00:00Z | false | 2027-10-31T08:00:00Z
          across midnight: inside after midnight on Saturday    | FRI     | 22:00 | 02:00 | Europe/Berlin    | 2026-12-05T00:30:00Z | true  | 2026-12-05T00:30:00Z
          across midnight: closed at 02:00, next Friday         | FRI     | 22:00 | 02:00 | Europe/Berlin    | 2026-12-05T01:00:00Z | false | 2026-12-11T21:00:00Z
          across midnight over spring forward                   | SAT     | 23:00 | 03:00 | Europe/Berlin    | 2027-03-28T01:30:00Z | false | 2027-04-03T21:00:00Z
          a range that wraps the week                           | FRI-MON | 10:00 | 12:00 | UTC              | 2026-12-08T10:00:00Z | false | 2026-12-11T10:00:00Z
          New York across its own spring forward                | MON-FRI | 09:00 | 17:00 | America/New_York | 2027-03-12T22:00:00Z | false | 2027-03-15T13:00:00Z
          Kolkata's half-hour offset                            | MON-FRI | 10:00 | 18:00 | Asia/Kolkata     | 2026-12-07T04:00:00Z | false | 2026-12-07T04:30:00Z
          Sydney falls back in April                            | SUN     | 02:00 | 02:30 | Australia/Sydney | 2027-04-03T15:45:00Z | false | 2027-04-03T16:00:00Z
          """)
  void aWindowIsReadOffItsZonesWallClock(
      String name,
      String days,
      String from,
      String to,
      String zone,
      Instant at,
      boolean open,
      Instant next) {
    DeploymentSchedule s = new DeploymentSchedule(List.of(window(days, from, to, zone)), List.of());

    assertThat(s.isOpen(at)).as("open at " + at).isEqualTo(open);
    assertThat(s.nextOpening(at)).contains(next);
  }

  private static final DeploymentWindow OFFICE_HOURS =
      window("MON-THU", "09:00", "16:00", "Europe/Berlin");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                                          | blackout to        | at                   | open  | next opening
          a blackout closes a window                      | 2027-01-04T09:00   | 2026-12-21T08:00:00Z | false | 2027-01-04T08:00:00Z
          ending inside a window, it opens at its end     | 2027-01-04T12:00   | 2026-12-21T08:00:00Z | false | 2027-01-04T11:00:00Z
          ending outside every window, the next opening   | 2027-01-02T09:00   | 2026-12-21T08:00:00Z | false | 2027-01-04T08:00:00Z
          before it starts, the window is open            | 2027-01-04T09:00   | 2026-12-17T08:00:00Z | true  | 2026-12-17T08:00:00Z
          outside a window, the blackout is passed over   | 2027-01-04T09:00   | 2026-12-17T15:00:00Z | false | 2027-01-04T08:00:00Z
          """)
  void aBlackoutOverridesTheWindows(
      String name, String to, Instant at, boolean open, Instant next) {
    Blackout freeze =
        new Blackout(
            LocalDateTime.parse("2026-12-20T00:00"), LocalDateTime.parse(to), BERLIN, "holiday");
    DeploymentSchedule s = new DeploymentSchedule(List.of(OFFICE_HOURS), List.of(freeze));

    assertThat(s.isOpen(at)).isEqualTo(open);
    assertThat(s.nextOpening(at)).contains(next);
  }

  @Test
  void withoutWindowsABlackoutAloneDecidesAndBackToBackBlackoutsAreWalkedThrough() {
    Blackout first = blackout("2026-12-20T00:00", "2026-12-27T00:00");
    Blackout second = blackout("2026-12-27T00:00", "2027-01-04T09:00");
    DeploymentSchedule s = new DeploymentSchedule(List.of(), List.of(second, first));

    assertThat(s.isOpen(Instant.parse("2026-12-19T22:59:59Z"))).isTrue();
    assertThat(s.blackoutAt(Instant.parse("2026-12-19T23:00:00Z"))).contains(first);
    assertThat(s.nextOpening(Instant.parse("2026-12-19T23:00:00Z")))
        .contains(Instant.parse("2027-01-04T08:00:00Z"));
  }

  @Test
  void noWindowsAndNoBlackoutsIsAlwaysOpen() {
    Instant t = Instant.parse("2027-03-28T01:30:00Z");
    assertThat(DeploymentSchedule.ALWAYS.isOpen(t)).isTrue();
    assertThat(DeploymentSchedule.ALWAYS.nextOpening(t)).contains(t);
    assertThat(DeploymentSchedule.ALWAYS.unrestricted()).isTrue();
  }

  @Test
  void theOpeningIsTheFirstOpenMinuteAtEveryMinuteOfBothChangeoverWeeks() {
    DeploymentSchedule s =
        new DeploymentSchedule(
            List.of(
                window("SUN", "02:30", "04:00", "Europe/Berlin"),
                window("SAT", "23:00", "02:15", "Europe/Berlin"),
                window("MON-FRI", "09:00", "16:00", "Europe/Berlin")),
            List.of());
    for (Instant start :
        List.of(Instant.parse("2027-03-26T00:00:00Z"), Instant.parse("2027-10-29T00:00:00Z"))) {
      MutableClock clock = new MutableClock(start);
      Instant expected = null; // the next open minute seen walking backwards is the answer
      var minutes = new java.util.ArrayList<Instant>();
      while (clock.instant().isBefore(start.plus(Duration.ofDays(4)))) {
        minutes.add(clock.instant());
        clock.advance(Duration.ofMinutes(1));
      }
      for (int i = minutes.size() - 1; i >= 0; i--) {
        Instant t = minutes.get(i);
        if (s.isOpen(t)) {
          expected = t;
        }
        Optional<Instant> opening = s.nextOpening(t);
        if (expected != null) {
          assertThat(opening).as("at " + t).contains(expected);
        }
      }
    }
  }

  @Test
  void aWindowDescribesItselfAsPeopleReadIt() {
    assertThat(OFFICE_HOURS.describe()).isEqualTo("Mon–Thu 09:00–16:00 Europe/Berlin");
    assertThat(window("MON,WED,FRI", "22:00", "02:00", "UTC").describe())
        .isEqualTo("Mon, Wed, Fri 22:00–02:00 UTC");
    assertThat(window("FRI-MON", "10:00", "12:00", "UTC").describe())
        .isEqualTo("Mon, Fri–Sun 10:00–12:00 UTC");
  }

  @Test
  void daysAreRangesListsOrBoth() {
    assertThat(DeploymentWindow.parseDays(List.of("mon-wed,fri")))
        .containsExactlyInAnyOrder(
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    assertThat(DeploymentWindow.parseDays(List.of("SAT-SUN")))
        .isEqualTo(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    assertThatThrownBy(() -> DeploymentWindow.parseDays(List.of("MON-FUN")))
        .hasMessageContaining("'FUN' is not a day");
  }

  private static Blackout blackout(String from, String to) {
    return new Blackout(LocalDateTime.parse(from), LocalDateTime.parse(to), BERLIN, null);
  }
}
