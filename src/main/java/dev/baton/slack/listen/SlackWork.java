package dev.baton.slack.listen;

import dev.baton.pipeline.PipelineCore;
import dev.baton.slack.commands.CommandBook;
import dev.baton.slack.home.HomePublisher;
import dev.baton.slack.notify.SlackChat;
import dev.baton.slack.web.ReplySender;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What every listener needs: the core, the commands, where answers go, and the executor that does
 * the work after the acknowledgement (Slack wants an answer within 3 seconds; the core may take
 * longer).
 */
public record SlackWork(
    PipelineCore core,
    CommandBook commands,
    ReplySender replies,
    HomePublisher homes,
    SlackChat chat,
    ExecutorService executor,
    Clock clock) {

  Answer answer(String responseUrl, String user) {
    return new Answer(responseUrl, user, replies, homes);
  }

  /** Runs {@code work} after the acknowledgement; its failures are logged, never thrown. */
  void later(Runnable work) {
    executor.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SlackWork.class).error("Slack work failed", e);
          }
        });
  }
}
