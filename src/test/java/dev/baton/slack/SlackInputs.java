package dev.baton.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.baton.fakes.Fixtures;
import dev.baton.slack.blocks.ActionIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What Slack (or someone who holds the signing secret) could send to {@code /slack/events}: slash
 * command forms, interaction payloads and Events API callbacks, built from Baton's own words mixed
 * with junk, and then mutated (fields dropped, wrong types, nested junk, huge and odd text).
 *
 * <p>The senders are never people the test pipeline authorises, so no input may change the
 * pipeline. Generated text never contains the markers of a stack trace, so that finding one in an
 * answer means Baton put it there.
 */
final class SlackInputs {
  /** People the fuzzed pipeline lets act; no generated sender is one of them. */
  static final Set<String> AUTHORISED =
      Set.of(
          Fixtures.DEPLOYER,
          Fixtures.ADMIN,
          Fixtures.APPROVER_1,
          Fixtures.APPROVER_2,
          Fixtures.GROUP_MEMBER);

  static final List<String> COMMANDS =
      List.of("/promote", "/rollback", "/audit", "/freeze", "/unfreeze", "/baton");

  private SlackInputs() {}

  /** True when the text could not be mistaken for a stack trace in an answer. */
  static boolean harmless(String s) {
    return Stream.of("Exception", "at dev.baton", "Caused by", "\tat ").noneMatch(s::contains);
  }

  /** Baton's words, options, mentions and near misses, for {@link #text()}. */
  private static final List<String> WORDS =
      List.of(
          "credreg",
          "billing",
          "CREDREG",
          "test",
          "sandbox",
          "prod",
          "PROD",
          "staging",
          "status",
          "help",
          "promote",
          "freeze",
          "audit",
          Fixtures.tag(1),
          Fixtures.tag(2),
          Fixtures.tag(9),
          "0123456789abcdef0123456789abcdef01234567",
          "latest",
          "2026.13.45.0001",
          "--since",
          "--until",
          "--limit",
          "--steps",
          "--since=24h",
          "--limit=0",
          "--limit=41",
          "--limit=-1",
          "--limit=99999999999",
          "--until=",
          "--=",
          "--",
          "24h",
          "0h",
          "999999w",
          "1.5h",
          "-1h",
          "90min",
          "<@U0123ALICE|alice>",
          "<@UDEPLOYER>",
          "<@>",
          "<@U",
          "U0123ALICE",
          "<!channel>",
          "<#C1|x>",
          "\"",
          "“",
          "”",
          "'",
          "\"\"",
          "|",
          "||||",
          "<",
          ">",
          "&amp;",
          "%",
          "%00",
          "\u0000",
          "\u202e",
          "🚀",
          "é",
          "ß",
          "İ",
          "\\",
          "*bold*",
          "`x`",
          "${baton.api.read-token}");

  /** Any text: Baton's words, options, mentions and quotes in odd orders, or random text. */
  static Arbitrary<String> text() {
    Arbitrary<String> word =
        Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> space = Arbitraries.of(" ", "  ", "\u00a0", "\t", "\n", "\r\n", "\u2003");
    Arbitrary<String> words =
        Combinators.combine(word.list().ofMaxSize(8), space.list().ofMinSize(8).ofMaxSize(8))
            .as(
                (ws, sp) -> {
                  StringBuilder b = new StringBuilder();
                  for (int i = 0; i < ws.size(); i++) {
                    b.append(i == 0 ? "" : sp.get(i)).append(ws.get(i));
                  }
                  return b.toString();
                });
    return Arbitraries.frequencyOf(
            Tuple.of(6, words),
            Tuple.of(2, Arbitraries.strings().ofMaxLength(60)),
            Tuple.of(1, huge()))
        .filter(SlackInputs::harmless);
  }

  /** Long text: far beyond any name, still under the server's 1 MB request limit. */
  static Arbitrary<String> huge() {
    return Combinators.combine(
            Arbitraries.of("x", "credreg ", "é", "🚀", "|", "<@U1>"),
            Arbitraries.integers().between(1_000, 60_000))
        .as(String::repeat);
  }

  /** Slack user IDs that do not belong to anyone the pipeline authorises, and non-IDs. */
  static Arbitrary<String> user() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                Fixtures.OUTSIDER,
                Fixtures.REQUESTER,
                "udeployer",
                Fixtures.DEPLOYER + " ",
                " " + Fixtures.ADMIN,
                Fixtures.DEPLOYER + "\u0000",
                Fixtures.APPROVER_1 + "|" + Fixtures.APPROVER_2,
                "<@" + Fixtures.DEPLOYER + ">",
                BatonSlack.RELEASE_GROUP,
                "UBOT",
                "",
                "W0ENTERPRISE"),
            Arbitraries.strings()
                .withCharRange('A', 'Z')
                .ofMinLength(2)
                .ofMaxLength(11)
                .map(s -> "U" + s),
            Arbitraries.strings().ofMaxLength(20))
        .filter(u -> !AUTHORISED.contains(u))
        .filter(SlackInputs::harmless);
  }

  /** A {@code value} of a button: real-looking, forged or junk. */
  static Arbitrary<String> buttonValue(String promotionId) {
    Arbitrary<String> part =
        Arbitraries.of(
            "credreg",
            "billing",
            "test",
            "sandbox",
            "prod",
            "",
            " ",
            Fixtures.tag(1),
            Fixtures.tag(2),
            Fixtures.tag(9),
            "latest",
            "../prod",
            "prod\n",
            "🚀");
    return Arbitraries.oneOf(
            Arbitraries.just(promotionId),
            Arbitraries.just(promotionId.toUpperCase()),
            Arbitraries.just(promotionId + " "),
            Arbitraries.create(() -> UUID.randomUUID().toString()),
            part.list().ofMinSize(1).ofMaxSize(6).map(p -> String.join("|", p)),
            text())
        .filter(SlackInputs::harmless);
  }

  /** Any JSON value, nested a little. */
  static Arbitrary<JsonElement> junk(int depth) {
    Arbitrary<JsonElement> primitive =
        Arbitraries.oneOf(
            Arbitraries.just(JsonNull.INSTANCE),
            Arbitraries.of(true, false).map(b -> (JsonElement) new JsonPrimitive(b)),
            Arbitraries.of(0, -1, 1.5e300, Long.MAX_VALUE, Double.MIN_VALUE)
                .map(n -> (JsonElement) new JsonPrimitive(n)),
            Arbitraries.strings()
                .ofMaxLength(20)
                .filter(SlackInputs::harmless)
                .map(s -> (JsonElement) new JsonPrimitive(s)));
    if (depth <= 0) {
      return primitive;
    }
    Arbitrary<JsonElement> array =
        junk(depth - 1)
            .list()
            .ofMaxSize(3)
            .map(
                l -> {
                  JsonArray a = new JsonArray();
                  l.forEach(a::add);
                  return a;
                });
    Arbitrary<JsonElement> object =
        Combinators.combine(
                Arbitraries.of("type", "id", "value", "text", "user", "actions", "x")
                    .list()
                    .ofMaxSize(3),
                junk(depth - 1).list().ofMinSize(3).ofMaxSize(3))
            .as(
                (keys, values) -> {
                  JsonObject o = new JsonObject();
                  for (int i = 0; i < keys.size(); i++) {
                    o.add(keys.get(i), values.get(i));
                  }
                  return o;
                });
    return Arbitraries.frequencyOf(Tuple.of(4, primitive), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** One change to a JSON object: at a path, remove the member or put another value there. */
  record Mutation(List<String> path, JsonElement value) {
    void applyTo(JsonObject root) {
      JsonObject o = root;
      for (String step : path.subList(0, path.size() - 1)) {
        JsonElement next = step.equals("0") ? first(o) : o.get(step);
        if (next == null || !next.isJsonObject()) {
          return;
        }
        o = next.getAsJsonObject();
      }
      String last = path.get(path.size() - 1);
      if (value == null) {
        o.remove(last);
      } else {
        o.add(last, value);
      }
    }

    private static JsonElement first(JsonObject o) {
      JsonElement actions = o.get("actions");
      return actions != null && actions.isJsonArray() && actions.getAsJsonArray().size() > 0
          ? actions.getAsJsonArray().get(0)
          : null;
    }
  }

  /** JSON paths written with dots: {@code "actions.0.value"}. */
  static List<List<String>> paths(String... dotted) {
    return Stream.of(dotted).map(p -> List.of(p.split("\\."))).toList();
  }

  static Arbitrary<Mutation> mutation(List<List<String>> paths) {
    return Combinators.combine(
            Arbitraries.of(paths),
            Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((JsonElement) null)), Tuple.of(3, junk(2))))
        .as(Mutation::new);
  }

  /** The JSON of a block_actions payload (button click), mutated. */
  static Arbitrary<String> blockActions(String promotionId, Supplier<String> url) {
    List<List<String>> paths =
        paths(
            "type",
            "user",
            "user.id",
            "actions",
            "actions.0.value",
            "actions.0.action_id",
            "actions.0.type",
            "container",
            "container.message_ts",
            "response_url",
            "channel",
            "team",
            "view",
            "trigger_id");
    Arbitrary<String> actionId =
        Arbitraries.oneOf(
            Arbitraries.of(
                ActionIds.APPROVE,
                ActionIds.REJECT,
                ActionIds.PROMOTE,
                ActionIds.ROLLBACK,
                "baton_unknown",
                "",
                "BATON_APPROVE"),
            Arbitraries.strings().ofMaxLength(10));
    Arbitrary<String> type =
        Arbitraries.of(
            "block_actions",
            "block_actions",
            "block_actions",
            "view_submission",
            "view_closed",
            "shortcut",
            "message_action",
            "interactive_message",
            "dialog_submission",
            "block_suggestion",
            "",
            "BLOCK_ACTIONS");
    Arbitrary<String> responseUrl =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.create(url::get)),
            Tuple.of(1, Arbitraries.just((String) null)),
            Tuple.of(
                1,
                Arbitraries.of("", "not a url", "ftp://example.com/x", "javascript:1", "http://")));
    return Combinators.combine(
            user(),
            actionId,
            buttonValue(promotionId),
            type,
            responseUrl,
            mutation(paths).list().ofMaxSize(3))
        .as(
            (user, id, value, t, u, mutations) -> {
              JsonObject p =
                  JsonParser.parseString(
                          SlackRequests.blockActions(
                              user, "1.2", BatonSlack.CHANNEL_ID, id, value, u))
                      .getAsJsonObject();
              p.addProperty("type", t);
              if (t.startsWith("view")) {
                JsonObject view = new JsonObject();
                view.addProperty("id", "V1");
                view.addProperty("callback_id", "baton");
                view.add("state", new JsonObject());
                p.add("view", view);
              }
              mutations.forEach(m -> m.applyTo(p));
              return p.toString();
            });
  }

  /**
   * The JSON of a {@code view_submission} of the promotion request modal (or of a view Baton does
   * not know), with real-looking, invalid and junk field values, and mutated.
   */
  static Arbitrary<String> viewSubmission() {
    Arbitrary<String> app =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("credreg")),
            Tuple.of(1, Arbitraries.of("nosuch", "CREDREG", "")),
            Tuple.of(1, text()),
            Tuple.of(1, Arbitraries.just((String) null)));
    Arbitrary<String> env =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of("prod", "sandbox", "test", "staging")),
            Tuple.of(1, text()),
            Tuple.of(1, Arbitraries.just((String) null)));
    Arbitrary<String> tag =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((String) null)),
            Tuple.of(2, Arbitraries.of(Fixtures.tag(1), Fixtures.tag(2), "latest", "a".repeat(40))),
            Tuple.of(1, text()));
    Arbitrary<String> reason =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just((String) null)),
            Tuple.of(2, Arbitraries.of("checkout down INC-4", "   ", "outage\n\nsee OPS-1")),
            Tuple.of(2, text()),
            Tuple.of(1, huge()));
    Arbitrary<String> ticket =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((String) null)),
            Tuple.of(2, Arbitraries.of("INC-9", "INC 9", "x".repeat(70))),
            Tuple.of(1, text()));
    Arbitrary<JsonObject> values =
        Combinators.combine(
                app,
                env,
                tag,
                reason,
                ticket,
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (a, e, t, r, k, ticked, selects) -> {
                  JsonObject v = new JsonObject();
                  v.add("app", field("app", a, selects));
                  v.add("env", field("env", e, selects));
                  v.add("tag", field("tag", t, false));
                  v.add("reason", field("reason", r, false));
                  v.add("ticket", field("ticket", k, false));
                  JsonObject box = new JsonObject();
                  box.addProperty("type", "checkboxes");
                  JsonArray selected = new JsonArray();
                  if (ticked) {
                    selected.add(SlackRequests.json("value", "break-glass"));
                  }
                  box.add("selected_options", selected);
                  JsonObject byAction = new JsonObject();
                  byAction.add("break_glass", box);
                  v.add("break_glass", byAction);
                  return v;
                });
    Arbitrary<String> callback =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(ActionIds.PROMOTE_REQUEST)),
            Tuple.of(1, Arbitraries.of("baton", "", "BATON.PROMOTE-REQUEST")));
    Arbitrary<String> metadata =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just("{\"channel_id\":\"" + BatonSlack.CHANNEL_ID + "\"}")),
            Tuple.of(1, Arbitraries.of("", "{\"channel_id\":\"D1\"}", "{\"channel_id\":1}", "{")),
            Tuple.of(1, text()));
    List<List<String>> paths =
        paths(
            "type",
            "user",
            "user.id",
            "view",
            "view.id",
            "view.state",
            "view.state.values",
            "view.state.values.app",
            "view.state.values.break_glass",
            "view.private_metadata",
            "view.callback_id");
    return Combinators.combine(
            user(),
            callback,
            metadata,
            values,
            Arbitraries.strings().withCharRange('A', 'Z').ofLength(8),
            mutation(paths).list().ofMaxSize(3))
        .as(
            (user, cb, meta, v, id, mutations) -> {
              JsonObject p =
                  SlackRequests.json("type", "view_submission", "api_app_id", "A1", "token", "t");
              p.add("team", SlackRequests.json("id", "T1", "domain", "example-co"));
              p.add(
                  "user",
                  SlackRequests.json("id", user, "username", "u", "name", "u", "team_id", "T1"));
              JsonObject view =
                  SlackRequests.json(
                      "id",
                      "V" + id,
                      "type",
                      "modal",
                      "callback_id",
                      cb,
                      "private_metadata",
                      meta,
                      "hash",
                      "1.a");
              JsonObject state = new JsonObject();
              state.add("values", v);
              view.add("state", state);
              p.add("view", view);
              p.add("response_urls", new JsonArray());
              mutations.forEach(m -> m.applyTo(p));
              return p.toString();
            });
  }

  /** One field's state: a select's chosen option, or a text, by its action id. */
  private static JsonObject field(String id, String value, boolean select) {
    JsonObject f = new JsonObject();
    f.addProperty("type", select ? "static_select" : "plain_text_input");
    if (select) {
      f.add(
          "selected_option",
          value == null ? JsonNull.INSTANCE : SlackRequests.json("value", value));
    } else {
      f.addProperty("value", value);
    }
    JsonObject byAction = new JsonObject();
    byAction.add(id, f);
    return byAction;
  }

  /** An Events API body: mentions, App Home, other events, URL verification, junk. */
  static Arbitrary<String> event() {
    Arbitrary<String> eventType =
        Arbitraries.of(
            "app_mention",
            "app_mention",
            "app_mention",
            "app_home_opened",
            "message",
            "reaction_added",
            "member_joined_channel",
            "",
            "unknown_event");
    Arbitrary<JsonObject> inner =
        Combinators.combine(eventType, user(), text(), Arbitraries.of("home", "messages", "", "x"))
            .as(
                (t, user, text, tab) -> {
                  JsonObject e = new JsonObject();
                  e.addProperty("type", t);
                  e.addProperty("user", user);
                  e.addProperty("text", "<@UBOT> " + text);
                  e.addProperty("channel", BatonSlack.CHANNEL_ID);
                  e.addProperty("ts", "1800000000.000100");
                  e.addProperty("event_ts", "1800000000.000100");
                  e.addProperty("tab", tab);
                  return e;
                });
    List<List<String>> paths =
        paths(
            "type",
            "event",
            "event.type",
            "event.user",
            "event.text",
            "event.channel",
            "event.thread_ts",
            "event.bot_id",
            "event_id",
            "challenge",
            "team_id");
    Arbitrary<String> outer =
        Arbitraries.of(
            "event_callback",
            "event_callback",
            "event_callback",
            "url_verification",
            "app_rate_limited",
            "unknown",
            "");
    return Combinators.combine(outer, inner, text(), mutation(paths).list().ofMaxSize(3))
        .as(
            (type, e, challenge, mutations) -> {
              JsonObject p = new JsonObject();
              p.addProperty("token", "fake-legacy-verification-token");
              p.addProperty("team_id", "T1");
              p.addProperty("api_app_id", "A1");
              p.addProperty("type", type);
              if (type.equals("url_verification")) {
                p.addProperty("challenge", challenge);
              } else {
                p.add("event", e);
                p.addProperty("event_id", "Ev" + UUID.randomUUID());
                p.addProperty("event_time", 1800000000);
              }
              mutations.forEach(m -> m.applyTo(p));
              return p.toString();
            });
  }

  /** A slash command's form fields, some dropped, some duplicated, some extra. */
  static Arbitrary<List<String>> slashFields(Supplier<String> url) {
    Arbitrary<String> command =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(COMMANDS)),
            Tuple.of(1, Arbitraries.of("/deploy", "promote", "/PROMOTE", "/", "", "/baton help")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(15).filter(SlackInputs::harmless)));
    Arbitrary<String> channel =
        Arbitraries.oneOf(
            Arbitraries.of(BatonSlack.CHANNEL_ID, "D0DIRECT", "", "C" + "9".repeat(40)),
            Arbitraries.strings().ofMaxLength(12).filter(SlackInputs::harmless));
    Arbitrary<String> responseUrl =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.create(url::get)),
            Tuple.of(1, Arbitraries.of("", "not a url", "ftp://example.com/x")));
    return Combinators.combine(
            command,
            text(),
            user(),
            channel,
            responseUrl,
            Arbitraries.integers().between(0, 63),
            Arbitraries.of("", "text", "command", "payload", "user_id", "ssl_check"))
        .as(
            (cmd, text, user, ch, u, drop, extra) -> {
              List<String> kv = new ArrayList<>();
              add(kv, (drop & 1) == 0, "command", cmd);
              add(kv, (drop & 2) == 0, "text", text);
              add(kv, (drop & 4) == 0, "user_id", user);
              add(kv, (drop & 8) == 0, "channel_id", ch);
              add(kv, (drop & 16) == 0, "response_url", u);
              add(kv, (drop & 32) == 0, "team_id", "T1");
              add(kv, true, "trigger_id", "1111.2222.abcd");
              add(kv, !extra.isEmpty(), extra, "1");
              return kv;
            });
  }

  private static void add(List<String> kv, boolean include, String key, String value) {
    if (include) {
      kv.add(key);
      kv.add(value);
    }
  }
}
