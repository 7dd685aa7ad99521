package dev.baton.slack;

import static dev.baton.fakes.Fixtures.DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.RollbackTable;
import dev.baton.fakes.TestPipeline;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.Step;
import dev.baton.slack.blocks.ActionIds;
import dev.baton.slack.blocks.ButtonValue;
import dev.baton.slack.blocks.HomeView;
import dev.baton.slack.blocks.PromotionMessage;
import dev.baton.slack.blocks.Rendered;
import dev.baton.slack.commands.RollbackCommand;
import dev.baton.slack.home.HomePublisher;
import dev.baton.slack.notify.Cards;
import dev.baton.slack.notify.ProgressBoard;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollback rule's table through Slack's surfaces: the thread message rendered from the store
 * (its Roll back button, its text), a click on that button, and App Home.
 */
class RollbackButtonsTest {
  static Stream<RollbackTable.Row> rows() {
    return RollbackTable.rows().stream();
  }

  static TestPipeline pipeline(RollbackTable.Row row) {
    return new TestPipeline(Fixtures.credreg(row.autoRollback()), new InMemoryPipelineStore());
  }

  static Rendered message(TestPipeline t, String promotionId) {
    Cards cards = new Cards(t.pipeline, t.store, t.clock, new ProgressBoard());
    return PromotionMessage.build(cards.promotion(promotionId).orElseThrow());
  }

  static List<ButtonElement> rollbackButtons(List<LayoutBlock> blocks) {
    List<ButtonElement> out = new ArrayList<>();
    for (LayoutBlock b : blocks) {
      if (b instanceof ActionsBlock a) {
        for (BlockElement e : a.getElements()) {
          if (e instanceof ButtonElement button
              && ActionIds.ROLLBACK.equals(button.getActionId())) {
            out.add(button);
          }
        }
      }
    }
    return out;
  }

  static String text(Rendered m) {
    StringBuilder s = new StringBuilder();
    for (LayoutBlock b : m.blocks()) {
      if (b instanceof SectionBlock section && section.getText() != null) {
        s.append(section.getText().getText()).append('\n');
      }
    }
    return s.toString();
  }

  static String current(TestPipeline t, String env) {
    return t.store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theThreadMessageOffersWhatTheRuleSaysAndItsClickDoesIt(RollbackTable.Row row) {
    TestPipeline t = pipeline(row);
    RollbackTable.Case c = row.setup().apply(t);
    Rendered m = message(t, c.card());
    if (c.cardSays() != null) {
      assertThat(text(m)).contains(c.cardSays());
    }
    List<ButtonElement> buttons = rollbackButtons(m.blocks());
    if (c.button() == null) {
      assertThat(buttons).as("no Roll back on this message").isEmpty();
      return;
    }
    assertThat(buttons).hasSize(1);
    ButtonValue v = ButtonValue.decode(buttons.get(0).getValue());
    assertThat(v)
        .isEqualTo(new ButtonValue("credreg", c.env(), c.button().get(0), c.button().get(1)));
    String answer =
        RollbackCommand.rollback(t.core(), v.env(), v.app(), v.tag(), v.from(), DEPLOYER);
    assertThat(answer).contains("Rolling back *" + c.env() + "* to *credreg* `" + v.tag() + "`");
    assertThat(current(t, c.env())).isEqualTo(v.tag());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void appHomeOffersNoRollback(RollbackTable.Row row) {
    TestPipeline t = pipeline(row);
    row.setup().apply(t);
    var board = new HomePublisher(t::core, null, null, null).board(Fixtures.DEPLOYER, null);
    assertThat(rollbackButtons(HomeView.blocks(board)))
        .as("App Home leaves rollbacks to the thread and /rollback")
        .isEmpty();
  }

  @Test
  void aPromotionFailingAtVerifyImagesOffersNoRollBackAndSaysWhatStillRuns() {
    RollbackTable.Row row =
        RollbackTable.rows().stream()
            .filter(r -> r.name().equals("after a failure that changed nothing"))
            .findFirst()
            .orElseThrow();
    TestPipeline t = pipeline(row);
    RollbackTable.Case c = row.setup().apply(t);
    assertThat(t.store.read(r -> r.promotion(c.card())).orElseThrow().failedStep())
        .isEqualTo(Step.VERIFY_IMAGES);
    Rendered m = message(t, c.card());
    assertThat(rollbackButtons(m.blocks())).isEmpty();
    assertThat(text(m))
        .contains("*Failed* at *verify images*")
        .contains("Nothing was changed: sandbox still runs `" + Fixtures.tag(2) + "`.");
  }

  @Test
  void aRollbacksOwnMessageOffersNoRollBackAndAClickWithTheNewerReleaseIsRefused() {
    TestPipeline t = new TestPipeline(Fixtures.credreg(), new InMemoryPipelineStore());
    String a = RollbackTable.carry(t, 1);
    String b = RollbackTable.carry(t, 2);
    assertThat(rollbackButtons(message(t, RollbackTable.currentPromotion(t, "prod")).blocks()))
        .extracting(ButtonElement::getValue)
        .containsExactly(new ButtonValue("credreg", "prod", a, b).encode());
    String back = t.core().rollbacks().rollback("prod", null, null, DEPLOYER).id();
    assertThat(rollbackButtons(message(t, back).blocks())).isEmpty();
    Throwable refused =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> RollbackCommand.rollback(t.core(), "prod", "credreg", b, a, DEPLOYER));
    assertThat(refused)
        .hasMessageContaining(
            b + " is newer than what runs in prod (" + a + "); promote it instead");
    assertThat(current(t, "prod")).isEqualTo(a);
  }
}
