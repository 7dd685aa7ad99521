package dev.baton.slack.listen;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.slack.commands.CommandBook;
import dev.baton.slack.commands.PromoteCommand;
import dev.baton.slack.commands.Reply;
import dev.baton.slack.commands.UsageError;

/**
 * Serves one slash command: parses the text at once (wrong input gets the usage line with the
 * acknowledgement), acknowledges, and runs the command afterwards, answering through the command's
 * {@code response_url}. {@code /promote} without an app and environment opens the promotion request
 * modal instead ({@link PromoteModal}). When the work queue is full, the acknowledgement says so
 * and nothing is done.
 */
public final class SlashCommandListener implements SlashCommandHandler {
  private final String name;
  private final SlackWork work;
  private final PromoteModal modal;

  public SlashCommandListener(String name, SlackWork work) {
    this.name = name;
    this.work = work;
    this.modal = new PromoteModal(work);
  }

  @Override
  public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
    SlashCommandPayload p = req.getPayload();
    PromoteCommand.FormRequest form;
    try {
      form = work.commands().formFor(name, p.getText());
    } catch (UsageError e) {
      return ctx.ack(e.getMessage()); // a single word that is no app
    }
    CommandBook.Prepared<?> prepared;
    try {
      prepared = work.commands().prepare(name, p.getText(), work.clock().instant());
    } catch (UsageError e) {
      // /promote alone or with an app only: the modal, or the usage line when it cannot open
      return form == null ? ctx.ack(e.getMessage()) : modal.open(p, form, ctx, e.getMessage());
    }
    Reply now = prepared.immediate();
    if (now != null) {
      return ctx.ack(now.text());
    }
    String user = p.getUserId();
    String url = p.getResponseUrl();
    boolean taken =
        work.later(
            "command",
            () -> {
              Reply r = work.commands().run(prepared, user);
              work.replies().respond(url, r.text(), r.blocks(), r.inChannel());
            });
    return taken ? ctx.ack() : ctx.ack(SlackOverload.BUSY);
  }
}
