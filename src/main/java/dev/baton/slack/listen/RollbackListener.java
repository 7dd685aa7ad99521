package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.RollbackDesk;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.commands.RollbackCommand;

/**
 * The Roll back button. It carries the release it restores and the release its message showed as
 * running; the core restores exactly that release, and only while the environment still runs what
 * the message showed (checked in the same write), so an outdated message changes nothing.
 */
public final class RollbackListener implements BlockActionHandler {
  private final SlackWork work;

  public RollbackListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    return work.onClick(req, ctx, "rollback", this::rollback, null);
  }

  private String rollback(Click click) {
    ButtonValue v = ButtonValue.decodeOrNull(click.value());
    if (v == null) {
      return ButtonValue.NOT_OURS;
    }
    try {
      return RollbackCommand.rollback(
          work.core(), v.env(), v.app(), v.tag(), v.from(), click.user());
    } catch (RollbackDesk.Outdated outdated) {
      return RollbackCommand.outdated(outdated);
    }
  }
}
