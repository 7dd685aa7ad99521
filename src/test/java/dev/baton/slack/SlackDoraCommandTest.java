package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.dora.DoraSeed;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /baton dora [app] [env] [--since 30d]} over the seeded data set (its figures are derived
 * in DoraFiguresContract); the clock stands at DoraSeed.TO.
 */
class SlackDoraCommandTest {
  @AutoClose final BatonSlack baton = BatonSlack.withoutHttp();

  @BeforeEach
  void seed() {
    DoraSeed.seed(baton.core().ports().store());
  }

  @Test
  void oneRowPerEnvironmentWithMedianP90AndBandsInTheChannel() {
    JsonObject reply = baton.slash(Fixtures.OUTSIDER, "/baton", "dora credreg prod").reply();
    String blocks = reply.get("blocks").toString();

    assertThat(reply.get("response_type").getAsString()).isEqualTo("in_channel");
    assertThat(reply.get("text").getAsString()).isEqualTo("DORA metrics, last 30d");
    // 4 changes in 30 days = 0.93 a week; lead 4h/22h48m; 3 of 4 failed; restore 1h/125h (5d5h)
    assertThat(blocks)
        .contains(
            "prod       0.9/wk medium     4h/22h48m elite      75% low         1h/5d5h high (1"
                + " open)")
        .contains("Lead time from the commit for 3 deployment(s), from the registration")
        .contains("for 1.");
  }

  @Test
  void everyEnvironmentWhenNoneIsNamedAndADashForFiguresWithoutData() {
    String blocks =
        baton
            .slash(Fixtures.OUTSIDER, "/baton", "dora --since 2w")
            .reply()
            .get("blocks")
            .toString();

    assertThat(blocks).contains("*credreg*").contains("last 14d");
    assertThat(blocks)
        .contains("sandbox    0.0/wk low        —                    —               —");
  }

  @Test
  void aBadPeriodOrWordGetsTheUsageLine() {
    assertThat(baton.slash(Fixtures.OUTSIDER, "/baton", "dora --since 30x").ackText())
        .contains("`--since 30x`")
        .contains("Usage: `/baton dora [app] [env] [--since 30d]`");
    assertThat(baton.slash(Fixtures.OUTSIDER, "/baton", "dora staging").ackText())
        .contains("`staging` is not an app or an environment")
        .contains("Usage: `/baton dora");
  }

  @Test
  void theHelpListsIt() {
    assertThat(baton.slash(Fixtures.OUTSIDER, "/baton", "help").ackText())
        .contains("`/baton dora [app] [env] [--since 30d]`");
  }
}
