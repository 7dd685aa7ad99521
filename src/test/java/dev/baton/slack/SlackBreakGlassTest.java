package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Promotion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /promote … --break-glass}: announced in the channel (top-level, not only in the thread) at
 * the request, each approval and the start past what it overrides; marked in the promotion's reply;
 * listed by {@code /audit}. Prod's break-glass approver is {@code UAPPROVER1}; sandbox's bake of 24
 * h has not passed.
 */
class SlackBreakGlassTest {
  @AutoClose
  BatonSlack baton =
      BatonSlack.withoutHttp(
          Map.of(
              "baton.environments.prod.policy.break-glass-approvers",
              List.of(Fixtures.APPROVER_1)));

  SlackStandIn slack = baton.slack;

  @Test
  void aBreakGlassPromotionIsAnnouncedMarkedAndAudited() {
    baton.carryToSandbox(1);
    var sent =
        baton.slash(
            Fixtures.DEPLOYER,
            "/promote",
            "credreg prod --break-glass checkout down --ticket INC-9");
    assertThat(sent.replyText())
        .contains("🔨 Break-glass promotion of *credreg*")
        .contains("1 break-glass approval from <@UAPPROVER1>");
    baton.settle();
    assertThat(slack.roots())
        .anyMatch(
            m ->
                m.visible().contains("🔨 <@UDEPLOYER> requested a break-glass promotion of")
                    && m.visible().contains("🔨 *BREAK-GLASS:* checkout down (ticket `INC-9`)"));
    assertThat(slack.messages())
        .anyMatch(
            m ->
                m.threadTs != null
                    && m.visible().contains("to *PROD*")
                    && m.visible().contains("🔨 *BREAK-GLASS:* checkout down"));
    // its Approve button says what an approval overrides, before it counts
    assertThat(slack.messages())
        .anyMatch(
            m ->
                m.threadTs != null
                    && m.blocks != null
                    && m.blocks.contains("Approve break-glass")
                    && m.blocks.contains("overriding freezes, windows, blackouts and the minimum"));

    Promotion p = baton.core().ports().store().read(r -> r.openPromotion("credreg", "prod")).get();
    baton.core().promotions().approve(p.id(), Fixtures.APPROVER_1);
    baton.settle();

    assertThat(baton.runs("prod")).isEqualTo(Fixtures.tag(1));
    assertThat(slack.roots())
        .anyMatch(m -> m.visible().contains("🔨 <@UAPPROVER1> approved the break-glass promotion"))
        .anyMatch(
            m ->
                m.visible().contains("started")
                    && m.visible().contains("Overrides:")
                    && m.visible().contains("has baked"));
    String audit = baton.slash(Fixtures.DEPLOYER, "/audit", "credreg prod").reply().toString();
    assertThat(audit)
        .contains("promotion.break-glass-requested")
        .contains("promotion.break-glass-approval")
        .contains("promotion.break-glass-override")
        .contains("checkout down");
  }

  @Test
  void aBreakGlassWithoutAReasonGetsTheUsageLine() {
    var sent = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod --break-glass");
    assertThat(sent.ackText())
        .contains("--break-glass needs a reason")
        .contains("/promote <app> <env> [tag] [--break-glass <reason> [--ticket <ref>]]");
  }
}
