package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.model.Promotion;
import dev.baton.slack.blocks.Text;

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
        click -> outcome(work.core().promotions().approve(click.value(), click.user())),
        click -> work.chat().promotion(click.value()));
  }

  private String outcome(Promotion p) {
    String what =
        "*" + Text.escape(p.app()) + "* " + Text.code(p.releaseTag()) + " → *" + p.env() + "*";
    return switch (p.state()) {
      case PENDING_APPROVAL -> {
        int have = work.core().ports().store().read(r -> r.approvals(p.id()).size());
        int need = work.core().ports().env(p.env()).policy().approvalsFor(p.kind());
        yield "✅ Your approval of "
            + what
            + " is recorded: "
            + have
            + " of "
            + need
            + ", "
            + Math.max(0, need - have)
            + " more needed.";
      }
      case APPROVED, RUNNING ->
          "✅ Approved: "
              + what
              + " has every approval it needs and starts as soon as bake time and freezes allow.";
      default ->
          "⚠️ Your approval came too late: the promotion of "
              + what
              + " is "
              + p.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + (p.reason() == null ? "" : " (" + Text.reason(p.reason()) + ")")
              + ".";
    };
  }
}
