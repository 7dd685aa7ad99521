package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.Refusal;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.commands.CommandBook;
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
    Click click = Click.of(req);
    if (click == null) {
      return ctx.ack();
    }
    work.later(() -> promote(click));
    return ctx.ack();
  }

  private void promote(Click click) {
    Answer answer = work.answer(click.responseUrl(), click.user());
    ButtonValue v;
    try {
      v = ButtonValue.decode(click.value());
    } catch (IllegalArgumentException e) {
      answer.say("⚠️ This button is not one Baton drew; nothing was done.");
      return;
    }
    try {
      answer.say(PromoteCommand.request(work.core(), v.app(), v.env(), v.tag(), click.user()));
    } catch (Refusal r) {
      answer.say(CommandBook.refused(r).text());
    } catch (RuntimeException e) {
      answer.say(CommandBook.failed("promote", e).text());
    }
  }
}
