package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.model.Deployment;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.blocks.Text;
import dev.baton.slack.commands.RollbackCommand;
import java.util.Optional;

/**
 * The Rollback button. It restores exactly the release its confirm dialog named, and only while the
 * environment still runs what it ran when the button was drawn; otherwise the click is refused as
 * outdated and nothing changes.
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
    Optional<Deployment> current =
        work.core().ports().store().read(r -> r.currentDeployment(v.app(), v.env()));
    String runs = current.map(Deployment::releaseTag).orElse(null);
    if (v.from() != null && !v.from().equals(runs)) {
      return "⚠️ This message is outdated: "
          + Text.escape(v.env())
          + " runs "
          + (runs == null ? "nothing" : Text.code(runs))
          + " now, not "
          + Text.code(v.from())
          + ". Nothing was done; use `/rollback "
          + v.env()
          + " "
          + v.app()
          + "` if you still want to roll back.";
    }
    return RollbackCommand.rollback(work.core(), v.env(), v.app(), v.tag(), click.user());
  }
}
