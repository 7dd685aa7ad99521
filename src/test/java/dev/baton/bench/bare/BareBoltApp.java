package dev.baton.bench.bare;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.micronaut.runtime.Micronaut;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The benchmark's yardstick: the least a Bolt-on-Micronaut app does for a Slack request. One
 * controller hands the raw request to a Bolt {@link App} whose listeners only {@code ack()}, with
 * signature verification on. {@code bench/run.sh} starts it as a separate process with the same JVM
 * flags as Baton and sends it the same signed requests; Baton's acknowledgement latency is reported
 * as a ratio to this app's.
 *
 * <p>Configured by environment: {@code BATON_PORT}, {@code SLACK_SIGNING_SECRET}, {@code
 * SLACK_BOT_TOKEN} and {@code BATON_SLACK_API_URL} (Bolt calls {@code auth.test} once, cached).
 */
public final class BareBoltApp {
  static final String ENABLED = "bare-bolt.enabled";

  private BareBoltApp() {}

  public static void main(String[] args) {
    Micronaut.build(args)
        .banner(false)
        .deduceEnvironment(false)
        .properties(
            Map.of(
                ENABLED,
                true,
                "micronaut.server.port",
                env("BATON_PORT", "8080"),
                "endpoints.all.enabled",
                false))
        .start();
  }

  /** A Bolt app that acknowledges every command and every button click, and does nothing else. */
  static App app() {
    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(env("BATON_SLACK_API_URL", "https://slack.com/api/"));
    App app =
        new App(
            AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(System.getenv("SLACK_BOT_TOKEN"))
                .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
                .requestVerificationEnabled(true)
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(3_600_000L)
                .appInitializersEnabled(false)
                .build());
    app.command(Pattern.compile(".*"), (req, ctx) -> ctx.ack());
    app.blockAction(Pattern.compile(".*"), (req, ctx) -> ctx.ack());
    return app;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
