package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The promotion request modal, over the real {@code /slack/events} endpoint with signed requests:
 * {@code /promote} alone opens it ({@code views.open} with the command's trigger), a submission
 * runs the path {@code /promote} runs and answers ephemerally in the command's channel. Prod's
 * break-glass approver is {@code UAPPROVER1}; sandbox's 24 h bake has not passed.
 */
class SlackPromoteModalTest {
  @AutoClose
  BatonSlack baton =
      http(
          Map.of(
              "baton.environments.prod.policy.break-glass-approvers",
              List.of(Fixtures.APPROVER_1)));

  SlackStandIn slack = baton.slack;

  static BatonSlack http(Map<String, Object> overrides) {
    try {
      return new BatonSlack(overrides);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void promoteAloneOpensTheModalWithTheAppsTheTargetsAndTheBreakGlassBox() {
    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "");
    assertThat(sent.answer.statusCode()).isEqualTo(200);
    assertThat(sent.answer.body()).doesNotContain("Usage");

    SlackStandIn.OpenedView opened = baton.openedView();
    assertThat(opened.triggerId()).isEqualTo("1111.2222.abcd");
    JsonObject view = opened.view();
    assertThat(view.get("type").getAsString()).isEqualTo("modal");
    assertThat(view.get("callback_id").getAsString()).isEqualTo("baton.promote-request");
    assertThat(view.get("private_metadata").getAsString())
        .isEqualTo("{\"channel_id\":\"" + BatonSlack.CHANNEL_ID + "\"}");
    assertThat(blockIds(view))
        .containsExactly("app", "env", "tag", "break_glass", "reason", "ticket");
    assertThat(options(block(view, "app"))).containsExactly("credreg");
    assertThat(block(view, "app").getAsJsonObject("element").has("initial_option")).isFalse();
    // the chain's targets: not test, which builds reach by themselves
    assertThat(options(block(view, "env"))).containsExactly("sandbox", "prod");
    assertThat(block(view, "tag").get("optional").getAsBoolean()).isTrue();
    assertThat(block(view, "reason").getAsJsonObject("element").get("multiline").getAsBoolean())
        .isTrue();
    assertThat(block(view, "break_glass").getAsJsonObject("element").get("type").getAsString())
        .isEqualTo("checkboxes");
    assertThat(block(view, "ticket").get("optional").getAsBoolean()).isTrue();
    assertThat(BlockKitLimits.checkView(view.toString())).isEmpty();
    // opening it answered nothing and created nothing
    assertThat(slack.responses()).isEmpty();
    assertThat(promotions("prod")).isEmpty();
  }

  @Test
  void promoteWithAnAppPreselectsIt() {
    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    JsonObject app = block(baton.openedView().view(), "app").getAsJsonObject("element");
    assertThat(app.getAsJsonObject("initial_option").get("value").getAsString())
        .isEqualTo("credreg");
  }

  @Test
  void promoteWithAnUnknownAppGetsTheUsageLineAndNoModal() {
    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "nosuch");
    assertThat(sent.ackText()).contains("unknown app `nosuch`").contains("Usage: `/promote");
    assertThat(slack.calls("views.open")).isEmpty();
  }

  @Test
  void whenSlackDoesNotOpenTheModalTheUsageLineComesAsBefore() {
    slack.fail("views.open", 1, "expired_trigger_id");
    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "");
    assertThat(sent.replyText())
        .contains("give the app and the environment")
        .contains("Usage: `/promote <app> <env> [tag] [--break-glass <reason> [--ticket <ref>]]`");
    assertThat(slack.openedViews()).isEmpty();
  }

  @Test
  void breakingGlassInTheModalRequestsABreakGlassPromotionThatNeedsItsApprovals() {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    var answer =
        baton.submit(
            Fixtures.DEPLOYER,
            baton.openedView(),
            Map.of(
                "env", "prod",
                "break_glass", "ticked",
                "reason", "checkout down for everyone\nsee OPS-7",
                "ticket", "INC-9"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEmpty(); // the modal closes

    SlackStandIn.Call ephemeral = awaitEphemeral();
    assertThat(ephemeral.param("channel")).isEqualTo(BatonSlack.CHANNEL_ID);
    assertThat(ephemeral.param("user")).isEqualTo(Fixtures.DEPLOYER);
    assertThat(ephemeral.param("text"))
        .contains("🔨 Break-glass promotion of *credreg*")
        .contains("1 break-glass approval from <@UAPPROVER1>");

    Promotion p = baton.core().ports().store().read(r -> r.openPromotion("credreg", "prod")).get();
    assertThat(p.state()).isEqualTo(PromotionState.PENDING_APPROVAL);
    assertThat(p.requester()).isEqualTo(Fixtures.DEPLOYER);
    assertThat(p.breaksGlass()).isTrue();
    // the ticket of the box wins over the one written in the reason; lines become one
    assertThat(p.breakGlass().ticket()).isEqualTo("INC-9");
    assertThat(p.breakGlass().reason()).isEqualTo("checkout down for everyone see OPS-7");
    baton.settle();
    assertThat(audit("promotion.break-glass-requested"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.detail())
                    .contains("checkout down for everyone see OPS-7")
                    .contains("INC-9"));
    assertThat(slack.roots())
        .anyMatch(
            m ->
                m.visible().contains("🔨 <@UDEPLOYER> requested a break-glass promotion of")
                    && m.visible().contains("(ticket `INC-9`)"));
    assertThat(baton.get("/prometheus").body().lines())
        .filteredOn(
            l -> l.startsWith("baton_break_glass_total{") && l.contains("event=\"requested\""))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("env=\"prod\"").endsWith(" 1.0"));
    assertThat(baton.runs("prod")).isNull(); // not before its break-glass approval

    baton.core().promotions().approve(p.id(), Fixtures.APPROVER_1);
    baton.settle();
    assertThat(baton.runs("prod")).isEqualTo(Fixtures.tag(1));
  }

  @Test
  void aPlainRequestInTheModalIsAnOrdinaryPromotionAnsweredAsTheCommandIs() {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "");
    var answer =
        baton.submit(
            Fixtures.DEPLOYER,
            baton.openedView(),
            Map.of("app", "credreg", "env", "prod", "tag", Fixtures.tag(1)));
    assertThat(answer.body()).isEmpty();

    String text = awaitEphemeral().param("text");
    assertThat(text)
        .startsWith("🕐 Promotion of *credreg* `" + Fixtures.tag(1) + "` to *prod* requested.")
        .contains("It needs 2 approvals");
    Promotion p = baton.core().ports().store().read(r -> r.openPromotion("credreg", "prod")).get();
    assertThat(p.breaksGlass()).isFalse();
    assertThat(p.state()).isEqualTo(PromotionState.PENDING_APPROVAL);
    assertThat(p.releaseTag()).isEqualTo(Fixtures.tag(1));
    baton.settle();
    assertThat(audit("promotion.break-glass-requested")).isEmpty();

    // the same request by the command gives the command's answer for an open promotion
    var again = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");
    assertThat(again.replyText()).contains("was already requested by <@UDEPLOYER>");
  }

  @Test
  void theSameSubmissionTwiceCreatesOnePromotionAndAnswersOnce() {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    SlackStandIn.OpenedView opened = baton.openedView();
    Map<String, String> fields =
        Map.of("env", "prod", "break_glass", "ticked", "reason", "login outage");
    assertThat(baton.submit(Fixtures.DEPLOYER, opened, fields).body()).isEmpty();
    assertThat(baton.submit(Fixtures.DEPLOYER, opened, fields).body()).isEmpty();
    awaitEphemeral();
    baton.settle();
    assertThat(promotions("prod")).hasSize(1);
    assertThat(slack.calls("chat.postEphemeral")).hasSize(1);
    assertThat(audit("promotion.break-glass-requested")).hasSize(1);

    // another modal with the same request (another replica would see it so): the open one stays
    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    slack.await("a second modal", s -> s.openedViews().size() == 2);
    baton.submit(Fixtures.DEPLOYER, baton.openedView(), fields);
    slack.await("a second answer", s -> s.calls("chat.postEphemeral").size() == 2);
    assertThat(slack.calls("chat.postEphemeral").get(1).param("text"))
        .contains("was already requested by <@UDEPLOYER>")
        .contains("Nothing changed");
    assertThat(promotions("prod")).hasSize(1);
  }

  @Test
  void aRefusalIsTheAnswerTheCommandGivesNeverAStackTrace() {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.OUTSIDER, "/promote", "");
    baton.submit(
        Fixtures.OUTSIDER,
        baton.openedView(),
        Map.of("app", "credreg", "env", "prod", "break_glass", "ticked", "reason", "hurry"));
    String text = awaitEphemeral().param("text");
    assertThat(text).startsWith("⛔ ").doesNotContain("Exception").doesNotContain("at dev.baton");
    assertThat(promotions("prod")).isEmpty();
  }

  @Test
  void anOlderReleaseThanWhatRunsIsRefusedInTheCoresWords() {
    baton.carryToSandbox(1);
    baton.carryToSandbox(2);
    baton.core().rollbacks().rollback("test", "credreg", Fixtures.tag(1), Fixtures.DEPLOYER);
    baton.settle();
    assertThat(baton.runs("test")).isEqualTo(Fixtures.tag(1));
    int before = promotions("sandbox").size();

    baton.slash(Fixtures.DEPLOYER, "/promote", "credreg");
    baton.submit(Fixtures.DEPLOYER, baton.openedView(), Map.of("env", "sandbox"));

    assertThat(awaitEphemeral().param("text"))
        .startsWith("⚠️ ")
        .contains(Fixtures.tag(1) + " is older than what runs in sandbox")
        .doesNotContain("Exception");
    assertThat(promotions("sandbox")).hasSize(before);
    assertThat(baton.runs("sandbox")).isEqualTo(Fixtures.tag(2));
  }

  @Test
  void withoutAChannelTheAnswerComesAsADirectMessage() {
    baton.carryToSandbox(1);
    baton.slash(Fixtures.DEPLOYER, "/promote", "");
    SlackStandIn.OpenedView opened = baton.openedView();
    JsonObject view = opened.view().deepCopy();
    view.addProperty("private_metadata", "");
    baton.submit(
        Fixtures.DEPLOYER,
        new SlackStandIn.OpenedView(opened.id(), opened.hash(), opened.triggerId(), view),
        Map.of("app", "credreg", "env", "prod"));
    slack.await(
        "a direct message",
        s -> s.messages().stream().anyMatch(m -> m.channel.equals(Fixtures.DEPLOYER)));
    assertThat(slack.messages())
        .filteredOn(m -> m.channel.equals(Fixtures.DEPLOYER))
        .singleElement()
        .satisfies(m -> assertThat(m.text).startsWith("🕐 Promotion of *credreg*"));
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  // ---- reading what happened ----

  private SlackStandIn.Call awaitEphemeral() {
    slack.await("an ephemeral answer", s -> !s.calls("chat.postEphemeral").isEmpty());
    return slack.calls("chat.postEphemeral").get(0);
  }

  private List<Promotion> promotions(String env) {
    return baton
        .core()
        .ports()
        .store()
        .read(r -> r.promotionsIn(EnumSet.allOf(PromotionState.class)))
        .stream()
        .filter(p -> p.env().equals(env))
        .toList();
  }

  private List<AuditEvent> audit(String action) {
    return baton
        .core()
        .ports()
        .store()
        .audit(new AuditQuery(null, null, null, null, null, null, null, 500))
        .stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  static List<String> blockIds(JsonObject view) {
    List<String> ids = new ArrayList<>();
    for (JsonElement b : view.getAsJsonArray("blocks")) {
      if (b.getAsJsonObject().has("block_id")) {
        ids.add(b.getAsJsonObject().get("block_id").getAsString());
      }
    }
    return ids;
  }

  static JsonObject block(JsonObject view, String id) {
    for (JsonElement b : view.getAsJsonArray("blocks")) {
      JsonObject o = b.getAsJsonObject();
      if (o.has("block_id") && o.get("block_id").getAsString().equals(id)) {
        return o;
      }
    }
    throw new AssertionError("no block " + id + " in " + view);
  }

  static List<String> options(JsonObject block) {
    JsonArray options = block.getAsJsonObject("element").getAsJsonArray("options");
    List<String> values = new ArrayList<>();
    options.forEach(o -> values.add(o.getAsJsonObject().get("value").getAsString()));
    return values;
  }
}
