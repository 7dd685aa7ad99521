package dev.baton.slack.listen;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.baton.slack.blocks.PromoteRequestView;
import dev.baton.slack.commands.PromoteForm;
import dev.baton.slack.commands.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The submission of the promotion request modal. Bad input is answered synchronously with {@code
 * response_action: errors} under the fields concerned, and nothing is done. A valid request closes
 * the modal and runs afterwards exactly as {@code /promote} runs it; the answer {@code /promote}
 * would give goes, only to the person, to the channel the command was typed in (or to a direct
 * message when there is none, or the bot may not post there).
 *
 * <p>A view is accepted once: a second submission of the same view id (a double click, a retry
 * after a slow answer) closes the modal and does nothing, so only the first one answers. Across
 * replicas, the core's own rule does the same: asking again for the release an open promotion
 * carries returns that promotion unchanged.
 */
public final class PromoteRequestListener implements ViewSubmissionHandler {
  /** Accepted view ids remembered; a modal lives far shorter than it takes to accept this many. */
  private static final int REMEMBERED = 10_000;

  private final SlackWork work;
  private final Map<String, Boolean> accepted =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  public PromoteRequestListener(SlackWork work) {
    this.work = work;
  }

  @Override
  public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload p = req.getPayload();
    if (p == null || p.getUser() == null || p.getUser().getId() == null || p.getView() == null) {
      return ctx.ack();
    }
    View view = p.getView();
    PromoteForm.Read read =
        PromoteForm.read(
            view.getState() == null ? null : view.getState().getValues(),
            work.commands().vocabulary());
    if (!read.valid()) {
      return ctx.ackWithErrors(read.errors());
    }
    String viewId = view.getId();
    if (!firstSubmission(viewId)) {
      return ctx.ack();
    }
    String user = p.getUser().getId();
    String channel = PromoteRequestView.channelOf(view.getPrivateMetadata());
    boolean taken =
        work.later(
            "view", () -> answer(channel, user, work.commands().promote(read.request(), user)));
    if (!taken) {
      forget(viewId); // nothing was done: the same modal may be submitted again
      return ctx.ackWithErrors(Map.of(PromoteRequestView.APP, SlackOverload.BUSY));
    }
    return ctx.ack();
  }

  private void answer(String channel, String user, Reply reply) {
    if (channel != null && work.replies().ephemeral(channel, user, null, reply.text())) {
      return;
    }
    // no channel, or not one the bot may post in: the app's direct message with the person
    work.replies().post(user, null, reply.text(), null);
  }

  private boolean firstSubmission(String viewId) {
    if (viewId == null) {
      return true;
    }
    synchronized (accepted) {
      return accepted.put(viewId, Boolean.TRUE) == null;
    }
  }

  private void forget(String viewId) {
    if (viewId != null) {
      synchronized (accepted) {
        accepted.remove(viewId);
      }
    }
  }
}
