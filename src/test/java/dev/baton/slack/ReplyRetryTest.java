package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import dev.baton.fakes.LogCapture;
import dev.baton.retry.FlakyServer;
import dev.baton.retry.FlakyServer.Answer;
import dev.baton.retry.RetryBudget;
import dev.baton.slack.web.ReplySender;
import dev.baton.slack.web.SlackWeb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Answers through a response_url are retried: jitter, the total budget and Slack's Retry-After. */
@Timeout(20)
class ReplyRetryTest {
  private final SlackWeb web = new SlackWeb(Slack.getInstance(), "xoxb-test");

  private ReplySender replies(int attempts, long baseMs, long maxMs, long totalMs) {
    return new ReplySender(
        web,
        new RetryBudget(
            attempts,
            Duration.ofMillis(baseMs),
            Duration.ofMillis(maxMs),
            Duration.ofMillis(totalMs),
            Duration.ofSeconds(5)));
  }

  /** Answers once through a Slack that gives the {@code first} answers, then {@code then}. */
  private static FlakyServer answered(ReplySender replies, List<Answer> first, Answer then) {
    FlakyServer slack = FlakyServer.start(first, then);
    try {
      replies.respond(slack.url() + "/hooks/1", "Deploying", List.of(), false);
      return slack;
    } catch (RuntimeException e) {
      slack.close();
      throw e;
    }
  }

  @Test
  void waitsBetweenAttemptsAreJittered() {
    try (LogCapture log = LogCapture.attach();
        FlakyServer slack = answered(replies(6, 40, 41, 5_000), List.of(), Answer.of(503))) {
      List<Long> waits =
          FlakyServer.loggedWaits(log.lines().stream().map(LogCapture.Line::message).toList());
      assertThat(slack.requests()).isEqualTo(6);
      assertThat(waits).hasSize(5).allSatisfy(w -> assertThat(w).isBetween(29L, 52L));
      assertThat(waits.stream().distinct().count()).as("%s", waits).isGreaterThan(1);
      assertThat(log.lines()).anyMatch(l -> l.message().contains("could not answer through"));
    }
  }

  @Test
  void theTotalBudgetBoundsTheAnswer() {
    try (FlakyServer slack = answered(replies(1_000, 20, 40, 300), List.of(), Answer.of(503))) {
      assertThat(slack.requests()).isBetween(3, 20);
      assertThat(slack.span()).isLessThan(Duration.ofMillis(500));
    }
  }

  @Test
  void slacksRetryAfterIsWaitedFor() {
    List<Answer> limited = List.of(Answer.retryAfter(429, "1"));
    try (FlakyServer slack = answered(replies(3, 10, 20, 5_000), limited, Answer.of(200))) {
      assertThat(slack.requests()).isEqualTo(2);
      assertThat(slack.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void aRetryAfterLongerThanAnAnswerIsWorthDropsIt() {
    List<Answer> limited = List.of(Answer.retryAfter(429, "30"));
    try (FlakyServer slack = answered(replies(3, 10, 20, 5_000), limited, Answer.of(200))) {
      assertThat(slack.requests()).isEqualTo(1);
    }
  }
}
