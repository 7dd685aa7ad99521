package dev.baton.slack;

import static dev.baton.slack.CommandParsersTest.AUDIT;
import static dev.baton.slack.CommandParsersTest.BATON;
import static dev.baton.slack.CommandParsersTest.FREEZE;
import static dev.baton.slack.CommandParsersTest.NOW;
import static dev.baton.slack.CommandParsersTest.PROMOTE;
import static dev.baton.slack.CommandParsersTest.ROLLBACK;
import static dev.baton.slack.CommandParsersTest.UNFREEZE;
import static dev.baton.slack.CommandParsersTest.WORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.commands.AuditCommand;
import dev.baton.slack.commands.BatonCommand;
import dev.baton.slack.commands.FreezeCommand;
import dev.baton.slack.commands.PromoteCommand;
import dev.baton.slack.commands.RollbackCommand;
import dev.baton.slack.commands.UsageError;
import dev.baton.slack.commands.Words;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The command parsers over any text: each returns a request or throws a {@link UsageError} with a
 * message for people, never anything else; and what people write in the documented forms, with any
 * spacing Slack sends, reads back as what they meant.
 */
class CommandParsersFuzzTest {
  private static final List<BatonCommand<?>> ALL =
      List.of(PROMOTE, ROLLBACK, AUDIT, FREEZE, UNFREEZE, BATON);

  @Property
  void anyTextParsesOrGetsAUsageLine(@ForAll("texts") String text) {
    for (BatonCommand<?> c : ALL) {
      try {
        assertThat((Object) c.parse(text, WORDS, NOW)).isNotNull();
      } catch (UsageError e) {
        assertThat(e.getMessage()).as("/%s %s", c.name(), text).isNotBlank();
      }
    }
  }

  @Property
  void aPromoteReadsBack(
      @ForAll("apps") String app,
      @ForAll("envs") String env,
      @ForAll("tags") String tag,
      @ForAll("spaces") List<String> sp) {
    String text = sp.get(0) + app + sp.get(1) + env + (tag == null ? "" : sp.get(2) + tag);
    assertThat(PROMOTE.parse(text, WORDS, NOW))
        .isEqualTo(new PromoteCommand.Request(app, env, tag));
  }

  @Property
  void aRollbackReadsBackInEitherOrder(
      @ForAll("envs") String env,
      @ForAll("apps") String app,
      @ForAll("tags") String tag,
      @ForAll boolean tagFirst,
      @ForAll("spaces") List<String> sp) {
    List<String> rest = new ArrayList<>(List.of(app));
    if (tag != null) {
      rest.add(tagFirst ? 0 : 1, tag);
    }
    String text = env + sp.get(0) + String.join(sp.get(1), rest) + sp.get(2);
    assertThat(ROLLBACK.parse(text, WORDS, NOW))
        .isEqualTo(new RollbackCommand.Request(env, app, tag));
  }

  @Property
  void aFreezeReadsBack(
      @ForAll("envs") String env,
      @ForAll @IntRange(min = 1, max = 999_999) int n,
      @ForAll("units") String unit,
      @ForAll("reasons") List<String> reason,
      @ForAll("spaces") List<String> sp) {
    String text =
        env + sp.get(0) + n + unit + (reason.isEmpty() ? "" : sp.get(1) + String.join(" ", reason));
    FreezeCommand.Request r = FREEZE.parse(text, WORDS, NOW);
    assertThat(r.env()).isEqualTo(env);
    assertThat(r.duration()).isEqualTo(Words.span(n + unit)).isPositive();
    assertThat(r.reason()).isEqualTo(reason.isEmpty() ? null : String.join(" ", reason));
  }

  @Property
  void anAuditReadsBackInAnyOrder(
      @ForAll("apps") String app,
      @ForAll("envs") String env,
      @ForAll("tags") String tag,
      @ForAll @IntRange(min = 1, max = 40) int limit,
      @ForAll @IntRange(min = 2, max = 500) int sinceHours,
      @ForAll("orders") List<Integer> order,
      @ForAll("spaces") List<String> sp) {
    List<String> parts =
        List.of(
            app,
            env,
            "<@U0123ALICE|alice>",
            "--limit=" + limit,
            "--since" + sp.get(1) + sinceHours + "h",
            tag == null ? "" : tag);
    List<String> words = new ArrayList<>();
    order.forEach(i -> words.add(parts.get(i)));
    AuditCommand.Request r = AUDIT.parse(String.join(sp.get(0), words), WORDS, NOW);
    assertThat(r.app()).isEqualTo(app);
    assertThat(r.env()).isEqualTo(env);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.user()).isEqualTo("U0123ALICE");
    assertThat(r.limit()).isEqualTo(limit);
    assertThat(r.from()).isEqualTo(NOW.minus(Duration.ofHours(sinceHours)));
  }

  @Property
  void aSpanReadsBack(@ForAll @IntRange(min = 0, max = 999_999) int n, @ForAll("units") String u) {
    Duration d = Words.span(n + u.toUpperCase());
    assertThat(d).isEqualTo(Words.span(n + u)).isNotNull();
    assertThat(d.isNegative()).isFalse();
  }

  @Property
  void anyWordIsASpanOrNot(@ForAll("texts") String word) {
    Duration d = Words.span(word);
    assertThat(d == null || !d.isNegative()).isTrue();
  }

  @Property
  void aButtonValueReadsBack(
      @ForAll("apps") String app, @ForAll("envs") String env, @ForAll("tags") String tag) {
    ButtonValue v = new ButtonValue(app, env, tag, tag);
    assertThat(ButtonValue.decode(v.encode())).isEqualTo(v);
  }

  @Property
  void anyButtonValueDecodesOrIsRefused(@ForAll("texts") String value) {
    ButtonValue v = ButtonValue.decodeOrNull(value);
    assertThat(v == null || (!v.app().isBlank() && !v.env().isBlank())).isTrue();
  }

  @Provide
  Arbitrary<String> texts() {
    return SlackInputs.text();
  }

  @Provide
  Arbitrary<String> apps() {
    return Arbitraries.of(WORDS.apps());
  }

  @Provide
  Arbitrary<String> envs() {
    return Arbitraries.of(WORDS.envs());
  }

  @Provide
  Arbitrary<String> tags() {
    return Arbitraries.oneOf(
        Arbitraries.just((String) null),
        Combinators.combine(
                Arbitraries.integers().between(2000, 2099),
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28),
                Arbitraries.integers().between(1, 9999))
            .as((y, m, d, n) -> String.format("%04d.%02d.%02d.%04d", y, m, d, n)),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(40));
  }

  @Provide
  Arbitrary<List<Integer>> orders() {
    return Arbitraries.shuffle(0, 1, 2, 3, 4, 5);
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.of("s", "m", "min", "h", "d", "w");
  }

  @Provide
  Arbitrary<List<String>> spaces() {
    return Arbitraries.of(" ", "  ", "\u00a0", "\t", "\n", " \u00a0 ").list().ofSize(3);
  }

  @Provide
  Arbitrary<List<String>> reasons() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("-.!é0123")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(w -> Words.span(w) == null)
        .list()
        .ofMaxSize(5);
  }
}
