package dev.baton.slack.listen;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.baton.slack.blocks.PromoteRequestView;
import dev.baton.slack.commands.PromoteCommand;
import dev.baton.slack.web.SlackCallFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the promotion request modal for {@code /promote} (or {@code /promote <app>}): acknowledges
 * at once and calls {@code views.open} with the command's {@code trigger_id} on the work queue.
 * When Slack does not open it (the trigger expired, Slack is down), the person gets the usage line
 * that {@code /promote} answered before the modal existed, so nothing is lost but the form.
 */
final class PromoteModal {
  private static final Logger LOG = LoggerFactory.getLogger(PromoteModal.class);

  private final SlackWork work;

  PromoteModal(SlackWork work) {
    this.work = work;
  }

  /**
   * @param usage what to answer instead when the modal cannot be opened
   */
  Response open(
      SlashCommandPayload p,
      PromoteCommand.FormRequest form,
      SlashCommandContext ctx,
      String usage) {
    if (p.getTriggerId() == null || p.getTriggerId().isBlank()) {
      return ctx.ack(usage);
    }
    View view = PromoteRequestView.of(work.commands().vocabulary(), form.app(), p.getChannelId());
    String url = p.getResponseUrl();
    boolean taken =
        work.later(
            "command",
            () -> {
              try {
                work.web().openView(p.getTriggerId(), view);
              } catch (SlackCallFailed e) {
                LOG.info(
                    "the promotion request modal did not open ({}): usage line sent",
                    e.getMessage());
                work.replies().respond(url, usage, null, false);
              }
            });
    return taken ? ctx.ack() : ctx.ack(SlackOverload.BUSY);
  }
}
