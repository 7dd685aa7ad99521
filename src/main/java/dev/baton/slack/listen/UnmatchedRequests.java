package dev.baton.slack.listen;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.Map;

/**
 * Requests no listener takes: an unknown slash command gets the list of commands, a button Baton no
 * longer has gets an explanation, and any other event is acknowledged so that Slack does not
 * deliver it again.
 */
public final class UnmatchedRequests implements UnmatchedRequestHandler {
  private final SlackWork work;

  public UnmatchedRequests(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response handle(Request<?> req) {
    if (req instanceof SlashCommandRequest c) {
      SlashCommandPayload p = c.getPayload();
      String text =
          "⚠️ Baton has no command `"
              + (p == null ? "?" : p.getCommand())
              + "`. It knows: /"
              + String.join(", /", work.commands().names())
              + ". Try `/baton help`.";
      return Response.json(200, Map.of("response_type", "ephemeral", "text", text));
    }
    if (req instanceof BlockActionRequest a) {
      Click click = Click.of(a);
      if (click != null) {
        work.later(
            "click",
            () ->
                work.answer(click.responseUrl(), click.user())
                    .say(
                        "⚠️ Baton does not know this button (it may be from an older version);"
                            + " nothing was done."));
      }
      return Response.ok();
    }
    return Response.ok();
  }
}
