package dev.baton.slack.listen;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.Refusal;
import dev.baton.slack.commands.CommandBook;
import dev.baton.slack.home.HomePublisher;
import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.web.ReplySender;
import dev.baton.slack.web.SlackWeb;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * What every listener needs: the core, the commands, where answers go (and the Web API, for {@code
 * views.open}), and the executor that does the work after the acknowledgement (Slack wants an
 * answer within 3 seconds; the core may take longer), and what to do when that executor's bounded
 * queue is full ({@link SlackOverload}).
 */
public record SlackWork(
    PipelineCore core,
    CommandBook commands,
    ReplySender replies,
    SlackWeb web,
    HomePublisher homes,
    SlackChat chat,
    ExecutorService executor,
    SlackOverload overload,
    Clock clock) {

  /** The work of one button: returns what to tell the person who clicked. */
  @FunctionalInterface
  interface ClickWork {
    String run(Click click);
  }

  /**
   * Acknowledges a click at once and does {@code work} after it. A refusal is answered with the
   * core's reason, anything else with a short failure line (never a stack trace); {@code
   * afterwards}, when given, runs in every case (for example to redraw the clicked message).
   */
  Response onClick(
      BlockActionRequest req,
      ActionContext ctx,
      String verb,
      ClickWork work,
      Consumer<Click> afterwards) {
    Click click = Click.of(req);
    if (click == null || click.value() == null) {
      return ctx.ack();
    }
    boolean taken =
        later(
            "click",
            () -> {
              Answer answer = answer(click.responseUrl(), click.user());
              try {
                answer.say(work.run(click));
              } catch (Refusal r) {
                answer.say(CommandBook.refused(r).text());
              } catch (RuntimeException e) {
                answer.say(CommandBook.failed(verb, e).text());
              } finally {
                if (afterwards != null) {
                  afterwards.accept(click);
                }
              }
            });
    if (!taken) {
      overload.answer(() -> answer(click.responseUrl(), click.user()).say(SlackOverload.BUSY));
    }
    return ctx.ack();
  }

  Answer answer(String responseUrl, String user) {
    return new Answer(responseUrl, user, replies, homes);
  }

  /**
   * Runs {@code work} after the acknowledgement; its failures are logged, never thrown.
   *
   * @param kind what the request was (command, click, view, mention, event), for the overload count
   * @return false when the work queue is full: the work was refused and will never run
   */
  boolean later(String kind, Runnable work) {
    try {
      executor.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              LoggerFactory.getLogger(SlackWork.class).error("Slack work failed", e);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      overload.refused(kind);
      return false;
    }
  }
}
