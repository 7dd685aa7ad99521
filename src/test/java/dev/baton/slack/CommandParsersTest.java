package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.slack.commands.AuditCommand;
import dev.baton.slack.commands.BatonCommand;
import dev.baton.slack.commands.BatonHelpCommand;
import dev.baton.slack.commands.FreezeCommand;
import dev.baton.slack.commands.PromoteCommand;
import dev.baton.slack.commands.RollbackCommand;
import dev.baton.slack.commands.UnfreezeCommand;
import dev.baton.slack.commands.UsageError;
import dev.baton.slack.commands.Vocabulary;
import dev.baton.slack.commands.Words;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure parsers of every command: what each accepts, and what it says when it does not. */
class CommandParsersTest {
  static final Vocabulary WORDS =
      new Vocabulary(Set.of("credreg", "billing"), List.of("test", "sandbox", "prod"));
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final String TAG = "2026.11.22.0007";
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  // The commands never touch the core while parsing.
  static final PromoteCommand PROMOTE = new PromoteCommand(null);
  static final RollbackCommand ROLLBACK = new RollbackCommand(null);
  static final AuditCommand AUDIT = new AuditCommand(null);
  static final FreezeCommand FREEZE = new FreezeCommand(null);
  static final UnfreezeCommand UNFREEZE = new UnfreezeCommand(null);
  static final BatonHelpCommand BATON = new BatonHelpCommand(null, () -> "help");

  static Stream<Arguments> audits() {
    return Stream.of(
        Arguments.of("", null, null, null, null, null, null, 15),
        Arguments.of("prod", null, "prod", null, null, null, null, 15),
        Arguments.of("credreg prod", "credreg", "prod", null, null, null, null, 15),
        Arguments.of("prod credreg", "credreg", "prod", null, null, null, null, 15),
        Arguments.of(TAG, null, null, TAG, null, null, null, 15),
        Arguments.of("<@U0123ALICE|alice>", null, null, null, "U0123ALICE", null, null, 15),
        Arguments.of("<@U0123ALICE>", null, null, null, "U0123ALICE", null, null, 15),
        Arguments.of("U0123ALICE", null, null, null, "U0123ALICE", null, null, 15),
        Arguments.of(
            "--since 24h", null, null, null, null, NOW.minus(Duration.ofHours(24)), null, 15),
        Arguments.of(
            "--since=7d --until 1d",
            null,
            null,
            null,
            null,
            NOW.minus(Duration.ofDays(7)),
            NOW.minus(Duration.ofDays(1)),
            15),
        Arguments.of("prod --limit 40", null, "prod", null, null, null, null, 40),
        // 0s is a span like any other: until now, the same as no --until
        Arguments.of(
            "--since 24h --until 0s",
            null,
            null,
            null,
            null,
            NOW.minus(Duration.ofHours(24)),
            null,
            15),
        Arguments.of("--until=0m", null, null, null, null, null, null, 15),
        Arguments.of(
            "--until 90s", null, null, null, null, null, NOW.minus(Duration.ofSeconds(90)), 15),
        Arguments.of(
            "--since 90m", null, null, null, null, NOW.minus(Duration.ofMinutes(90)), null, 15),
        Arguments.of(
            "--since 2w", null, null, null, null, NOW.minus(Duration.ofDays(14)), null, 15),
        // further back than any database's times go: the whole log, not an internal error
        Arguments.of(
            "--since 999999w",
            null,
            null,
            null,
            null,
            NOW.minus(AuditCommand.LONGEST_SPAN),
            null,
            15));
  }

  @ParameterizedTest(name = "/audit {0}")
  @MethodSource("audits")
  void auditAccepts(
      String text,
      String app,
      String env,
      String tag,
      String user,
      Instant from,
      Instant to,
      int limit) {
    AuditCommand.Request r = AUDIT.parse(text, WORDS, NOW);
    assertThat(r.app()).isEqualTo(app);
    assertThat(r.env()).isEqualTo(env);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.user()).isEqualTo(user);
    assertThat(r.from()).isEqualTo(from);
    assertThat(r.to()).isEqualTo(to);
    assertThat(r.limit()).isEqualTo(limit);
  }

  @Test
  void untilZeroIsDescribedAsUntilNow() {
    assertThat(AUDIT.parse("prod --since 24h --until 0s", WORDS, NOW).description())
        .isEqualTo("env prod, since 24h, until now");
    assertThat(AUDIT.parse("--since 7d --until 1d", WORDS, NOW).description())
        .isEqualTo("since 7d, until 1d ago");
  }

  /** Every command's documented forms, and what each reads them as. */
  static Stream<Arguments> forms() {
    return Stream.of(
        reads(PROMOTE, "credreg prod", new PromoteCommand.Request("credreg", "prod", null)),
        reads(
            PROMOTE,
            "  credreg   sandbox ",
            new PromoteCommand.Request("credreg", "sandbox", null)),
        reads(PROMOTE, "credreg prod " + TAG, new PromoteCommand.Request("credreg", "prod", TAG)),
        reads(PROMOTE, "billing prod " + SHA, new PromoteCommand.Request("billing", "prod", SHA)),
        reads(PROMOTE, "credreg\u00a0prod", new PromoteCommand.Request("credreg", "prod", null)),
        reads(ROLLBACK, "prod", new RollbackCommand.Request("prod", null, null)),
        reads(ROLLBACK, "prod credreg", new RollbackCommand.Request("prod", "credreg", null)),
        reads(ROLLBACK, "prod credreg " + TAG, new RollbackCommand.Request("prod", "credreg", TAG)),
        reads(
            ROLLBACK,
            "prod " + TAG + " credreg",
            new RollbackCommand.Request("prod", "credreg", TAG)),
        reads(ROLLBACK, "sandbox " + TAG, new RollbackCommand.Request("sandbox", null, TAG)),
        reads(FREEZE, "prod", new FreezeCommand.Request("prod", null, null)),
        reads(FREEZE, "prod 2h", new FreezeCommand.Request("prod", Duration.ofHours(2), null)),
        reads(
            FREEZE,
            "prod 2h \"incident INC-12\"",
            new FreezeCommand.Request("prod", Duration.ofHours(2), "incident INC-12")),
        reads(
            FREEZE,
            "prod “db upgrade tonight”",
            new FreezeCommand.Request("prod", null, "db upgrade tonight")),
        reads(
            FREEZE,
            "sandbox 1d release week",
            new FreezeCommand.Request("sandbox", Duration.ofDays(1), "release week")),
        reads(FREEZE, "prod 30m", new FreezeCommand.Request("prod", Duration.ofMinutes(30), null)),
        reads(UNFREEZE, "prod", "prod"),
        reads(UNFREEZE, " sandbox ", "sandbox"),
        reads(BATON, "", new BatonHelpCommand.Request(true, null)),
        reads(BATON, "help", new BatonHelpCommand.Request(true, null)),
        reads(BATON, "status", new BatonHelpCommand.Request(false, null)),
        reads(BATON, "status credreg", new BatonHelpCommand.Request(false, "credreg")),
        reads(BATON, "windows", new BatonHelpCommand.Request(false, null, true, null)),
        reads(BATON, "windows prod", new BatonHelpCommand.Request(false, null, true, "prod")));
  }

  /** Every command's wrong forms, and what it says about each. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        refused(PROMOTE, "", "give the app and the environment"),
        refused(PROMOTE, "credreg", "give the app and the environment"),
        refused(PROMOTE, "credreg prod latest", "`latest` is not a release tag"),
        refused(PROMOTE, "credreg prod " + TAG + " extra", "give the app and the environment"),
        refused(PROMOTE, "nope prod", "unknown app `nope`; apps: billing, credreg"),
        refused(
            PROMOTE,
            "credreg staging",
            "unknown environment `staging`; the chain is test → sandbox → prod"),
        refused(PROMOTE, "prod credreg", "unknown app `prod`"),
        refused(ROLLBACK, "", "give the environment"),
        refused(ROLLBACK, "credreg prod", "unknown environment `credreg`"),
        refused(ROLLBACK, "prod latest", "`latest` is neither an app nor a release tag"),
        refused(ROLLBACK, "prod credreg credreg", "`credreg` is neither"),
        refused(ROLLBACK, "prod a b c", "give the environment"),
        refused(AUDIT, "yesterday", "`yesterday` is not an app, an environment"),
        refused(AUDIT, "--since", "`--since` needs a value"),
        refused(AUDIT, "--since soon", "write a time span such as 30m"),
        refused(AUDIT, "--since 0h", "write a time span"),
        refused(AUDIT, "--since 0s", "write a time span such as 30m, 24h, 7d or 2w"),
        refused(AUDIT, "--until soon", "`--until soon`: write how long ago, such as 0s (now)"),
        refused(AUDIT, "--until", "`--until` needs a value"),
        refused(AUDIT, "--since 0s --until 0s", "write a time span"),
        refused(AUDIT, "--limit 500", "`--limit` is a number from 1 to 40"),
        refused(AUDIT, "--limit x", "`--limit` is a number"),
        refused(AUDIT, "--verbose", "unknown option `--verbose`"),
        refused(AUDIT, "--since 1h --until 2h", "`--since` must reach further back"),
        refused(AUDIT, "prod prod", "`prod` is not an app"),
        refused(FREEZE, "", "give the environment to freeze"),
        refused(FREEZE, "staging 2h", "unknown environment `staging`"),
        refused(FREEZE, "prod 0h", "the duration must be more than 0"),
        refused(FREEZE, "prod 1h " + "x".repeat(501), "under 500 characters"),
        refused(UNFREEZE, "", "give exactly one environment"),
        refused(UNFREEZE, "prod now", "give exactly one environment"),
        refused(UNFREEZE, "qa", "unknown environment `qa`"),
        refused(BATON, "status nope", "unknown app `nope`"),
        refused(BATON, "deploy everything", "`deploy everything` is not something Baton knows"),
        refused(BATON, "status credreg prod", "is not something Baton knows"),
        refused(BATON, "windows staging", "unknown environment `staging`"),
        refused(BATON, "windows prod sandbox", "is not something Baton knows"));
  }

  private static Arguments reads(BatonCommand<?> command, String text, Object expected) {
    return Arguments.of(Named.of("/" + command.name(), command), text, expected);
  }

  private static Arguments refused(BatonCommand<?> command, String text, String problem) {
    return Arguments.of(Named.of("/" + command.name(), command), text, problem);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("forms")
  void aCommandReadsEachOfItsForms(BatonCommand<?> command, String text, Object expected) {
    assertThat(command.parse(text, WORDS, NOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("refusals")
  void aCommandRefusesAWrongFormSayingWhy(BatonCommand<?> command, String text, String problem) {
    assertThatThrownBy(() -> command.parse(text, WORDS, NOW))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining(problem);
  }

  static Stream<Arguments> spans() {
    return Stream.of(
        Arguments.of("45s", Duration.ofSeconds(45)),
        Arguments.of("90m", Duration.ofMinutes(90)),
        Arguments.of("90min", Duration.ofMinutes(90)),
        Arguments.of("24H", Duration.ofHours(24)),
        Arguments.of("3d", Duration.ofDays(3)),
        Arguments.of("1w", Duration.ofDays(7)),
        Arguments.of("1.5h", null),
        Arguments.of("h", null),
        Arguments.of("reason", null));
  }

  @ParameterizedTest(name = "span {0}")
  @MethodSource("spans")
  void spansAreRead(String word, Duration expected) {
    assertThat(Words.span(word)).isEqualTo(expected);
  }
}
