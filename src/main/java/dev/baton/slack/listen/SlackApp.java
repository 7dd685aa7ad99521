package dev.baton.slack.listen;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import dev.baton.slack.SlackSettings;
import dev.baton.slack.blocks.ActionIds;

/**
 * Baton's Bolt app: one listener per command and per button, served over HTTP ({@code
 * /slack/events}) and Socket Mode alike.
 */
public final class SlackApp {
  private final App app;

  public SlackApp(SlackSettings settings, Slack slack, SlackWork work) {
    app =
        new App(
            AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .requestVerificationEnabled(settings.signingSecret() != null)
                // auth.test once an hour, not once per request: acknowledgements stay fast.
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(3_600_000L)
                // No auth.test at the first request: Slack being down must not fail it.
                .appInitializersEnabled(false)
                .unmatchedRequestHandler(new UnmatchedRequests(work))
                .build());
    for (String name : work.commands().names()) {
      app.command("/" + name, new SlashCommandListener(name, work));
    }
    app.blockAction(ActionIds.APPROVE, new ApproveListener(work));
    app.blockAction(ActionIds.REJECT, new RejectListener(work));
    app.blockAction(ActionIds.PROMOTE, new PromoteListener(work));
    app.blockAction(ActionIds.ROLLBACK, new RollbackListener(work));
    app.viewSubmission(ActionIds.PROMOTE_REQUEST, new PromoteRequestListener(work));
    app.event(AppMentionEvent.class, new MentionListener(work));
    app.event(AppHomeOpenedEvent.class, new HomeOpenedListener(work));
  }

  public App app() {
    return app;
  }
}
