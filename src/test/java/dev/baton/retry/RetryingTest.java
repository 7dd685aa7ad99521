package dev.baton.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.fakes.LogCapture;
import dev.baton.retry.RetryEnded.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared retry policy, on real time with short waits: backoff, jitter, budget, asks. */
@Timeout(10)
class RetryingTest {
  /** A failure of a made-up adapter: transient or not, with the wait its server asked for. */
  static final class Failed extends RuntimeException {
    final boolean transientFailure;
    final Duration asked;

    Failed(boolean transientFailure, Duration asked) {
      super(transientFailure ? "busy" : "refused", null, false, false);
      this.transientFailure = transientFailure;
      this.asked = asked;
    }
  }

  static final Transience<Failed> TRANSIENCE =
      new Transience<>() {
        @Override
        public Class<Failed> type() {
          return Failed.class;
        }

        @Override
        public boolean isTransient(Failed f) {
          return f.transientFailure;
        }

        @Override
        public Optional<Duration> askedWait(Failed f) {
          return Optional.ofNullable(f.asked);
        }
      };

  private static final Pattern WAIT = Pattern.compile("trying again in (\\d+) ms");
  private final List<Long> startedAt = new ArrayList<>();

  private static RetryBudget budget(int attempts, long baseMs, long maxMs, long totalMs) {
    return new RetryBudget(
        attempts,
        Duration.ofMillis(baseMs),
        Duration.ofMillis(maxMs),
        Duration.ofMillis(totalMs),
        Duration.ofMillis(500));
  }

  private RetryEnded failing(RetryBudget budget, Failed... failures) {
    AtomicInteger n = new AtomicInteger();
    try {
      new Retrying<>(budget, TRANSIENCE)
          .call(
              "test call",
              () -> {
                startedAt.add(System.nanoTime());
                throw failures[Math.min(n.getAndIncrement(), failures.length - 1)];
              });
    } catch (RetryEnded e) {
      return e;
    }
    throw new AssertionError("the call did not fail");
  }

  private Duration gap(int i) {
    return Duration.ofNanos(startedAt.get(i + 1) - startedAt.get(i));
  }

  @Test
  void theBackoffDoublesFromTheBaseUpToTheLongestWait() {
    RetryBudget b = budget(9, 250, 4_000, 30_000);

    assertThat(List.of(b.backoff(1), b.backoff(2), b.backoff(3), b.backoff(5), b.backoff(9)))
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(4),
            Duration.ofSeconds(4));
  }

  @Test
  void waitsAreJitteredAroundTheBackoff() {
    List<Long> waits = new ArrayList<>();
    try (LogCapture log = LogCapture.attach()) {
      failing(budget(7, 40, 41, 5_000), new Failed(true, null));
      for (LogCapture.Line line : log.lines()) {
        Matcher m = WAIT.matcher(line.message());
        if (m.find()) {
          waits.add(Long.parseLong(m.group(1)));
        }
      }
    }

    assertThat(waits).hasSize(6).allSatisfy(w -> assertThat(w).isBetween(29L, 52L));
    assertThat(waits.stream().distinct().count()).as("not all equal: %s", waits).isGreaterThan(1);
  }

  /**
   * A call that keeps failing the same way (transient or not, with the server's ask in ms) under a
   * budget, and how it must end: the reason, after how many attempts.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                                                                 | attempts | base | max | total | transient | asked | reason         | tried
          a transient failure is tried max-attempts times, then reported exhausted | 4        | 5    | 20  | 5000  | true      |       | EXHAUSTED      | 4
          an ask longer than allowed ends the call at once                         | 5        | 5    | 10  | 5000  | true      | 2000  | ASKED_TOO_LONG | 1
          an ask longer than the time left ends the call instead of calling early  | 5        | 5    | 10  | 300   | true      | 400   | ASKED_TOO_LONG | 1
          a terminal failure is tried once                                         | 5        | 5    | 10  | 5000  | false     |       | TERMINAL       | 1
          """)
  void aFailingCallEndsForItsReasonAfterItsAttempts(
      String name,
      int attempts,
      long baseMs,
      long maxMs,
      long totalMs,
      boolean transientFailure,
      Long askedMs,
      Reason reason,
      int tried) {
    Duration asked = askedMs == null ? null : Duration.ofMillis(askedMs);
    RetryEnded e =
        failing(budget(attempts, baseMs, maxMs, totalMs), new Failed(transientFailure, asked));

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.attempts()).isEqualTo(tried);
    switch (reason) {
      case EXHAUSTED -> assertThat(e.spent()).startsWith(tried + " attempts in ");
      case ASKED_TOO_LONG -> assertThat(e.asked()).isEqualTo(asked);
      case TERMINAL -> assertThat(e.failure()).hasMessage("refused");
      default -> throw new AssertionError("no row ends " + reason);
    }
  }

  @Test
  void theTotalBudgetEndsRetriesBeforeTheAttemptsRunOut() {
    RetryEnded e = failing(budget(1_000, 20, 40, 300), new Failed(true, null));

    assertThat(e.reason()).isEqualTo(Reason.EXHAUSTED);
    assertThat(e.attempts()).isBetween(3, 20);
    assertThat(e.elapsed()).isLessThan(Duration.ofMillis(700));
    // Each attempt fails at once, so the decision to try again is taken when an attempt starts:
    // the last decision to go on must fall within the budget. (When the attempt it led to starts
    // is up to the machine: a loaded one oversleeps the wait.)
    assertThat(Duration.ofNanos(startedAt.get(startedAt.size() - 2) - startedAt.get(0)))
        .as("no attempt is decided on after the budget")
        .isLessThanOrEqualTo(Duration.ofMillis(310));
  }

  @Test
  void theServersAskIsTheLeastWaitEvenAfterJitter() {
    RetryEnded e =
        failing(
            budget(3, 5, 10, 5_000),
            new Failed(true, Duration.ofMillis(150)),
            new Failed(true, Duration.ofMillis(150)),
            new Failed(false, null));

    assertThat(e.reason()).isEqualTo(Reason.TERMINAL);
    assertThat(gap(0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(gap(1)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aCallThatPassesReturnsItsResult() {
    AtomicInteger n = new AtomicInteger();

    String result =
        new Retrying<>(budget(4, 5, 10, 5_000), TRANSIENCE)
            .call(
                "x",
                () -> {
                  if (n.incrementAndGet() < 3) {
                    throw new Failed(true, null);
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    assertThat(n).hasValue(3);
  }

  @Test
  void anExceptionOfAnotherTypePassesThroughUnchanged() {
    IllegalStateException bug = new IllegalStateException("a bug");

    assertThatThrownBy(
            () ->
                new Retrying<>(budget(4, 5, 10, 5_000), TRANSIENCE)
                    .call(
                        "x",
                        () -> {
                          throw bug;
                        }))
        .isSameAs(bug);
  }

  @Test
  void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();
    try {
      RetryEnded e = failing(budget(4, 200, 400, 5_000), new Failed(true, null));

      assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
