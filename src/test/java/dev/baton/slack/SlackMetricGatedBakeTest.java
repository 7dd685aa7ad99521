package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.baton.fakes.Fixtures;
import dev.baton.metrics.MetricsExporter;
import dev.baton.metrics.RealPrometheus;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.slack.blocks.ActionIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The metric-gated bake from Slack's side, end to end: Baton over HTTP with signed Slack requests,
 * sandbox's {@code error-rate} check evaluated by the real Prometheus of {@code
 * scripts/test-services.sh} over an exporter this test controls, and a clock the test moves an hour
 * per evaluation (the bake watcher runs after each hour, as its tick does). A breach is posted in
 * the release's thread; prod's promotion, requested and approved in Slack, waits; once the check
 * has held for prod's 24 h again it starts by itself. What Slack showed at each step is written to
 * {@code target/transcripts/metric-gated-bake.txt}. Skipped without {@code
 * BATON_TEST_PROMETHEUS_URL} (a failure on CI).
 */
@Timeout(180)
class SlackMetricGatedBakeTest {
  private static final String A = "baton.environments.sandbox.analysis.";

  private RealPrometheus real;
  private MetricsExporter exporter;
  private BatonSlack baton;
  private final StringBuilder transcript = new StringBuilder();
  private final Map<String, Integer> shown = new HashMap<>();
  private int responsesShown;

  @BeforeEach
  void start() throws IOException {
    real = RealPrometheus.start(0.004);
    exporter = real.exporter;
    Map<String, Object> check = new HashMap<>();
    check.put("name", "error-rate");
    check.put("query", "max(baton_test_error_ratio{app=\"{{app}}\",run=\"" + exporter.run + "\"})");
    check.put("success-when", "< 0.01");
    check.put("on-empty", "wait");
    Map<String, Object> p = new HashMap<>();
    p.put(A + "prometheus.url", real.url);
    p.put(A + "interval", "1h");
    p.put(A + "post-deploy", false);
    p.put(A + "bake", true);
    p.put(A + "checks", List.of(check));
    baton = new BatonSlack(p);
  }

  @AfterEach
  void stop() throws IOException {
    if (baton != null) {
      baton.close();
    }
    if (real != null) {
      real.close();
    }
    if (transcript.length() > 0) {
      Path out = Path.of("target/transcripts/metric-gated-bake.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, transcript);
    }
  }

  @Test
  void aBreachBlocksProdUntilTheCheckHeldForTheWholeBakeAgain() throws Exception {
    String tag = Fixtures.tag(1);
    real.awaitScraped(0.004);
    baton.carryToSandbox(1);
    hours(5);
    step("build 1 in sandbox; 5 h pass with error-rate at 0.004");

    exporter.set(0.023);
    real.awaitScraped(0.023);
    hours(1);
    step("error-rate rises to 0.023; the next evaluation");
    SlackStandIn.Message root = baton.root(tag);
    assertThat(baton.reply(root, "error-rate 0.023 ≥ 0.01").visible())
        .contains("promotion to *prod* blocked until it holds for 24h again");

    BatonSlack.Sent asked = baton.slash(Fixtures.DEPLOYER, "/promote", "credreg prod");
    String answer = asked.replyText();
    baton.settle();
    Promotion p =
        baton.core().ports().store().read(r -> r.openPromotion("credreg", "prod")).orElseThrow();
    SlackStandIn.Message request = baton.reply(root, "to *PROD*");
    assertThat(request.visible()).contains("held for");
    step("/promote credreg prod by the deployer → " + answer);

    baton.click(Fixtures.APPROVER_1, request, ActionIds.APPROVE);
    baton.settle();
    baton.click(Fixtures.APPROVER_2, baton.reply(root, "to *PROD*"), ActionIds.APPROVE);
    baton.settle();
    step("two approvers click Approve");
    assertThat(state(p)).as("approved, held by the bake").isEqualTo(PromotionState.APPROVED);

    exporter.set(0.004);
    real.awaitScraped(0.004);
    hours(1);
    step("error-rate back at 0.004; the next evaluation");
    assertThat(baton.reply(root, "holds again").visible())
        .contains("error-rate 0.004 &lt; 0.01 holds again in *sandbox*")
        .contains("promotion to *prod* may start from");
    hours(22);
    step("22 h more");
    assertThat(state(p)).as("23 h of 24 after the breach").isEqualTo(PromotionState.APPROVED);
    assertThat(baton.runs("prod")).isNotEqualTo(tag);

    hours(1);
    step("one more hour: the check has held for 24 h since the breach");
    assertThat(state(p)).isEqualTo(PromotionState.SUCCEEDED);
    assertThat(baton.runs("prod")).isEqualTo(tag);
    String audit = baton.slash(Fixtures.DEPLOYER, "/audit", "credreg").reply().toString();
    assertThat(audit).contains("bake.breached").contains("bake.recovered");
  }

  private PromotionState state(Promotion p) {
    return baton.core().ports().store().read(r -> r.promotion(p.id())).orElseThrow().state();
  }

  /** {@code n} hours, one bake evaluation after each. */
  private void hours(int n) {
    for (int h = 0; h < n; h++) {
      baton.passes(Duration.ofHours(1));
      baton.core().bakes().watch();
      baton.settle();
    }
  }

  /**
   * Appends to the transcript what Slack shows that it did not show before, under {@code title}.
   */
  private void step(String title) {
    transcript.append("## ").append(title).append("\n\n");
    for (SlackStandIn.Message m : baton.slack.messages()) {
      int versions = m.history.size();
      if (shown.getOrDefault(m.ts, 0) < versions) {
        transcript
            .append(m.threadTs == null ? "[channel] " : "[thread] ")
            .append(shown.containsKey(m.ts) ? "(updated) " : "")
            .append(m.visible().strip().replace("\n", "\n    "))
            .append("\n\n");
        shown.put(m.ts, versions);
      }
    }
    List<SlackStandIn.Call> responses = baton.slack.responses();
    for (SlackStandIn.Call c : responses.subList(responsesShown, responses.size())) {
      var reply = JsonParser.parseString(c.body()).getAsJsonObject();
      if (reply.has("text")) {
        transcript
            .append("[only you] ")
            .append(reply.get("text").getAsString().replace("\n", "\n    "))
            .append("\n\n");
      }
    }
    responsesShown = responses.size();
  }
}
