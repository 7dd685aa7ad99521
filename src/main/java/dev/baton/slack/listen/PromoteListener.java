package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.commands.PromoteCommand;

/**
 * The "Promote to <env>" button. It names the release it was drawn for: when the source link runs
 * another release by now, the core refuses ("sandbox runs X, not Y"), so an outdated message never
 * promotes something else. A second click finds the open promotion and changes nothing.
 */
public final class PromoteListener implements BlockActionHandler {
  private final SlackWork work;

  public PromoteListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    return work.onClick(req, ctx, "promote", this::promote, null);
  }

  private String promote(Click click) {
    ButtonValue v = ButtonValue.decodeOrNull(click.value());
    if (v == null) {
      return ButtonValue.NOT_OURS;
    }
    return PromoteCommand.request(work.core(), v.app(), v.env(), v.tag(), click.user());
  }
}
