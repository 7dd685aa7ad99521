package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /baton windows [env]}: each environment's windows as written, its blackouts and next
 * opening as Slack dates (each reader's own time). The clock stands on Sunday 2026-11-22 09:00 UTC.
 */
class SlackWindowsCommandTest {
  static final String PROD = "baton.environments.prod.";

  @AutoClose
  final BatonSlack baton =
      BatonSlack.withoutHttp(
          Map.of(
              PROD + "windows",
              List.of(
                  Map.of(
                      "days", "MON-THU", "from", "09:00", "to", "16:00", "zone", "Europe/Berlin")),
              PROD + "blackouts",
              List.of(
                  Map.of(
                      "from", "2026-12-20T00:00",
                      "to", "2027-01-04T09:00",
                      "zone", "Europe/Berlin",
                      "reason", "holiday freeze"))));

  static String slackDate(String instant) {
    return "<!date^" + Instant.parse(instant).getEpochSecond() + "^{date_short_pretty} {time}|";
  }

  @Test
  void everyEnvironmentIsListedWithItsWindowsBlackoutsAndNextOpening() {
    String reply = baton.slash(Fixtures.OUTSIDER, "/baton", "windows").replyText();

    assertThat(reply)
        .contains("*TEST*: 🟢 open any time")
        .contains("*SANDBOX*: 🟢 open any time")
        .contains(
            "*PROD*: 🔴 closed, outside its windows; opens " + slackDate("2026-11-23T08:00:00Z"))
        .contains("windows: Mon–Thu 09:00–16:00 Europe/Berlin")
        .contains(
            "⛔ blackout "
                + slackDate("2026-12-19T23:00:00Z")
                + "2026-12-19 23:00 UTC> – "
                + slackDate("2027-01-04T08:00:00Z")
                + "2027-01-04 08:00 UTC> (holiday freeze)");
  }

  @Test
  void oneEnvironmentOnlyWhenNamed() {
    baton.clock.advance(
        Duration.between(baton.clock.instant(), Instant.parse("2026-12-21T09:00:00Z")));
    // Monday 10:00 in Berlin, inside the blackout

    String reply = baton.slash(Fixtures.OUTSIDER, "/baton", "windows prod").replyText();

    assertThat(reply)
        .startsWith("*PROD*: 🔴 closed, in a blackout; opens " + slackDate("2027-01-04T08:00:00Z"))
        .doesNotContain("*TEST*");
  }

  @Test
  void anUnknownEnvironmentGetsTheUsageLine() {
    String ack = baton.slash(Fixtures.OUTSIDER, "/baton", "windows staging").ackText();

    assertThat(ack).contains("unknown environment `staging`").contains("/baton windows [env]");
  }

  @Test
  void aPromotionWaitingForTheWindowSaysWhenItOpensInTheReadersTime() throws Exception {
    try (BatonSlack b =
        BatonSlack.withoutHttp(
            Map.of(
                "baton.environments.sandbox.windows",
                List.of(
                    Map.of(
                        "days",
                        "MON-FRI",
                        "from",
                        "09:00",
                        "to",
                        "16:00",
                        "zone",
                        "Europe/Berlin"))))) {
      b.register(1);
      b.settle();
      b.passes(Duration.ofMinutes(30)); // the bake in test is over on Sunday morning
      b.core().promotions().request("credreg", "sandbox", null, Fixtures.DEPLOYER);
      b.settle();

      String reply = b.reply(b.root(Fixtures.tag(1)), "to *SANDBOX*").visible();

      assertThat(reply)
          .contains(
              "⏳ *Approved*, waiting: outside sandbox's deployment window (Mon–Fri 09:00–16:00"
                  + " Europe/Berlin); opens "
                  + slackDate("2026-11-23T08:00:00Z"));
      assertThat(b.runs("sandbox")).isNull();
    }
  }

  @Test
  void helpNamesTheCommand() {
    assertThat(baton.slash(Fixtures.OUTSIDER, "/baton", "help").ackText())
        .contains("/baton windows [env]");
  }
}
