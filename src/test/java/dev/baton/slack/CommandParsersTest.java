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

  static Stream<Arguments> promotes() {
    return Stream.of(
        Arguments.of("credreg prod", new PromoteCommand.Request("credreg", "prod", null)),
        Arguments.of(
            "  credreg   sandbox ", new PromoteCommand.Request("credreg", "sandbox", null)),
        Arguments.of("credreg prod " + TAG, new PromoteCommand.Request("credreg", "prod", TAG)),
        Arguments.of("billing prod " + SHA, new PromoteCommand.Request("billing", "prod", SHA)),
        Arguments.of("credreg\u00a0prod", new PromoteCommand.Request("credreg", "prod", null)));
  }

  static Stream<Arguments> badPromotes() {
    return Stream.of(
        Arguments.of("", "give the app and the environment"),
        Arguments.of("credreg", "give the app and the environment"),
        Arguments.of("credreg prod latest", "`latest` is not a release tag"),
        Arguments.of("credreg prod " + TAG + " extra", "give the app and the environment"),
        Arguments.of("nope prod", "unknown app `nope`; apps: billing, credreg"),
        Arguments.of(
            "credreg staging", "unknown environment `staging`; the chain is test → sandbox → prod"),
        Arguments.of("prod credreg", "unknown app `prod`"));
  }

  static Stream<Arguments> rollbacks() {
    return Stream.of(
        Arguments.of("prod", new RollbackCommand.Request("prod", null, null)),
        Arguments.of("prod credreg", new RollbackCommand.Request("prod", "credreg", null)),
        Arguments.of("prod credreg " + TAG, new RollbackCommand.Request("prod", "credreg", TAG)),
        Arguments.of(
            "prod " + TAG + " credreg", new RollbackCommand.Request("prod", "credreg", TAG)),
        Arguments.of("sandbox " + TAG, new RollbackCommand.Request("sandbox", null, TAG)));
  }

  static Stream<Arguments> badRollbacks() {
    return Stream.of(
        Arguments.of("", "give the environment"),
        Arguments.of("credreg prod", "unknown environment `credreg`"),
        Arguments.of("prod latest", "`latest` is neither an app nor a release tag"),
        Arguments.of("prod credreg credreg", "`credreg` is neither"),
        Arguments.of("prod a b c", "give the environment"));
  }

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

  static Stream<Arguments> badAudits() {
    return Stream.of(
        Arguments.of("yesterday", "`yesterday` is not an app, an environment"),
        Arguments.of("--since", "`--since` needs a value"),
        Arguments.of("--since soon", "write a time span such as 30m"),
        Arguments.of("--since 0h", "write a time span"),
        Arguments.of("--since 0s", "write a time span such as 30m, 24h, 7d or 2w"),
        Arguments.of("--until soon", "`--until soon`: write how long ago, such as 0s (now)"),
        Arguments.of("--until", "`--until` needs a value"),
        Arguments.of("--since 0s --until 0s", "write a time span"),
        Arguments.of("--limit 500", "`--limit` is a number from 1 to 40"),
        Arguments.of("--limit x", "`--limit` is a number"),
        Arguments.of("--verbose", "unknown option `--verbose`"),
        Arguments.of("--since 1h --until 2h", "`--since` must reach further back"),
        Arguments.of("prod prod", "`prod` is not an app"));
  }

  @Test
  void untilZeroIsDescribedAsUntilNow() {
    assertThat(AUDIT.parse("prod --since 24h --until 0s", WORDS, NOW).description())
        .isEqualTo("env prod, since 24h, until now");
    assertThat(AUDIT.parse("--since 7d --until 1d", WORDS, NOW).description())
        .isEqualTo("since 7d, until 1d ago");
  }

  static Stream<Arguments> freezes() {
    return Stream.of(
        Arguments.of("prod", new FreezeCommand.Request("prod", null, null)),
        Arguments.of("prod 2h", new FreezeCommand.Request("prod", Duration.ofHours(2), null)),
        Arguments.of(
            "prod 2h \"incident INC-12\"",
            new FreezeCommand.Request("prod", Duration.ofHours(2), "incident INC-12")),
        Arguments.of(
            "prod “db upgrade tonight”",
            new FreezeCommand.Request("prod", null, "db upgrade tonight")),
        Arguments.of(
            "sandbox 1d release week",
            new FreezeCommand.Request("sandbox", Duration.ofDays(1), "release week")),
        Arguments.of("prod 30m", new FreezeCommand.Request("prod", Duration.ofMinutes(30), null)));
  }

  static Stream<Arguments> badFreezes() {
    return Stream.of(
        Arguments.of("", "give the environment to freeze"),
        Arguments.of("staging 2h", "unknown environment `staging`"),
        Arguments.of("prod 0h", "the duration must be more than 0"),
        Arguments.of("prod 1h " + "x".repeat(501), "under 500 characters"));
  }

  static Stream<Arguments> unfreezes() {
    return Stream.of(Arguments.of("prod", "prod"), Arguments.of(" sandbox ", "sandbox"));
  }

  static Stream<Arguments> badUnfreezes() {
    return Stream.of(
        Arguments.of("", "give exactly one environment"),
        Arguments.of("prod now", "give exactly one environment"),
        Arguments.of("qa", "unknown environment `qa`"));
  }

  static Stream<Arguments> batons() {
    return Stream.of(
        Arguments.of("", new BatonHelpCommand.Request(true, null)),
        Arguments.of("help", new BatonHelpCommand.Request(true, null)),
        Arguments.of("status", new BatonHelpCommand.Request(false, null)),
        Arguments.of("status credreg", new BatonHelpCommand.Request(false, "credreg")));
  }

  static Stream<Arguments> badBatons() {
    return Stream.of(
        Arguments.of("status nope", "unknown app `nope`"),
        Arguments.of("deploy everything", "`deploy everything` is not something Baton knows"),
        Arguments.of("status credreg prod", "is not something Baton knows"));
  }

  /** Every command's documented forms, each row led by its command. */
  static Stream<Arguments> accepted() {
    return Stream.of(
            of(PROMOTE, promotes()),
            of(ROLLBACK, rollbacks()),
            of(FREEZE, freezes()),
            of(UNFREEZE, unfreezes()),
            of(BATON, batons()))
        .flatMap(rows -> rows);
  }

  /** Every command's wrong forms and what it says about each, each row led by its command. */
  static Stream<Arguments> refused() {
    return Stream.of(
            of(PROMOTE, badPromotes()),
            of(ROLLBACK, badRollbacks()),
            of(AUDIT, badAudits()),
            of(FREEZE, badFreezes()),
            of(UNFREEZE, badUnfreezes()),
            of(BATON, badBatons()))
        .flatMap(rows -> rows);
  }

  private static Stream<Arguments> of(BatonCommand<?> command, Stream<Arguments> rows) {
    return rows.map(
        row -> {
          Object[] values = row.get();
          Object[] led = new Object[values.length + 1];
          led[0] = Named.of("/" + command.name(), command);
          System.arraycopy(values, 0, led, 1, values.length);
          return Arguments.of(led);
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accepted")
  void aCommandReadsEachOfItsForms(BatonCommand<?> command, String text, Object expected) {
    assertThat(command.parse(text, WORDS, NOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("refused")
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
