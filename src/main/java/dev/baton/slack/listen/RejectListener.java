package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.blocks.Text;

/** The Reject button: an approver says no, or the requester withdraws the request. */
public final class RejectListener implements BlockActionHandler {
  private final SlackWork work;

  public RejectListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(BlockActionRequest req, ActionContext ctx) {
    return work.onClick(
        req, ctx, "reject", this::reject, click -> work.chat().promotion(click.value()));
  }

  private String reject(Click click) {
    Promotion p = work.core().promotions().reject(click.value(), click.user(), null);
    String what =
        "*" + Text.escape(p.app()) + "* " + Text.code(p.releaseTag()) + " → *" + p.env() + "*";
    return p.state() == PromotionState.CANCELLED
        ? "🚫 You withdrew your request to promote " + what + "."
        : "⛔ You rejected the promotion of " + what + ".";
  }
}
