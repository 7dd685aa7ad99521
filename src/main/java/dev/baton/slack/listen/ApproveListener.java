package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.slack.blocks.ApprovalAnswer;

/**
 * The Approve button. The first valid click counts; a second one, a replayed request or a click on
 * an outdated message gets the core's refusal ("this promotion is already approved") and changes
 * nothing. Either way the message is redrawn from the current state.
 */
public final class ApproveListener implements BlockActionHandler {
  private final SlackWork work;

  public ApproveListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    return work.onClick(
        req,
        ctx,
        "approve",
        click -> ApprovalAnswer.of(work.core().promotions().approve(click.value(), click.user())),
        click -> work.chat().promotion(click.value()));
  }
}
