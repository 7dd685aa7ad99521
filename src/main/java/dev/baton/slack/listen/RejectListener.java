package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.Refusal;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.blocks.Text;
import dev.baton.slack.commands.CommandBook;

/** The Reject button: an approver says no, or the requester withdraws the request. */
public final class RejectListener implements BlockActionHandler {
  private final SlackWork work;

  public RejectListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    Click click = Click.of(req);
    if (click == null || click.value() == null) {
      return ctx.ack();
    }
    work.later(() -> reject(click));
    return ctx.ack();
  }

  private void reject(Click click) {
    Answer answer = work.answer(click.responseUrl(), click.user());
    try {
      Promotion p = work.core().promotions().reject(click.value(), click.user(), null);
      String what =
          "*" + Text.escape(p.app()) + "* " + Text.code(p.releaseTag()) + " → *" + p.env() + "*";
      answer.say(
          p.state() == PromotionState.CANCELLED
              ? "🚫 You withdrew your request to promote " + what + "."
              : "⛔ You rejected the promotion of " + what + ".");
    } catch (Refusal r) {
      answer.say(CommandBook.refused(r).text());
    } catch (RuntimeException e) {
      answer.say(CommandBook.failed("reject", e).text());
    } finally {
      work.chat().promotion(click.value());
    }
  }
}
