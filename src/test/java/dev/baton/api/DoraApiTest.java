package dev.baton.api;

import static dev.baton.api.ProblemAnswers.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.dora.DoraSeed;
import dev.baton.pipeline.port.PipelineStore;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/apps/{app}/dora} over the seeded data set (figures in DoraFiguresContract).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoraApiTest {
  @AutoClose private final ApiServer api = new ApiServer();
  private JsonMapper json;

  @BeforeAll
  void seed() {
    json = api.context.getBean(JsonMapper.class);
    DoraSeed.seed(api.context.getBean(PipelineStore.class)); // the clock stands at DoraSeed.TO
  }

  private JsonNode body(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return json.readValue(r.body(), JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  @Test
  void theFiguresOfOneEnvironmentOverThirtyDaysByDefault() {
    JsonNode v = body(api.get("/api/v1/apps/credreg/dora?env=prod"));

    assertThat(v.get("since").getStringValue()).isEqualTo("30d");
    assertThat(v.get("to").getStringValue()).isEqualTo("2026-11-22T09:00:00Z");
    assertThat(v.get("environments").size()).isEqualTo(1);
    JsonNode prod = v.get("environments").get(0);
    assertThat(prod.get("env").getStringValue()).isEqualTo("prod");
    JsonNode freq = prod.get("deploymentFrequency");
    assertThat(freq.get("deployments").getIntValue()).isEqualTo(4);
    assertThat(freq.get("rollbacks").getIntValue()).isEqualTo(2);
    assertThat(freq.get("band").getStringValue()).isEqualTo("medium");
    JsonNode lead = prod.get("leadTime");
    assertThat(lead.get("medianSeconds").getLongValue()).isEqualTo(4 * 3600); // 4h
    assertThat(lead.get("p90Seconds").getLongValue()).isEqualTo(22 * 3600 + 48 * 60); // 22h48m
    assertThat(lead.get("fromCommit").getIntValue()).isEqualTo(3);
    assertThat(lead.get("fromRegistration").getIntValue()).isEqualTo(1);
    assertThat(lead.get("leadTimeBasis").getStringValue()).isEqualTo("mixed");
    JsonNode cfr = prod.get("changeFailureRate");
    assertThat(cfr.get("failed").getIntValue()).isEqualTo(3);
    assertThat(cfr.get("rate").getDoubleValue()).isEqualTo(0.75);
    assertThat(cfr.get("band").getStringValue()).isEqualTo("low");
    JsonNode restore = prod.get("timeToRestore");
    assertThat(restore.get("restored").getIntValue()).isEqualTo(3);
    assertThat(restore.get("open").getIntValue()).isEqualTo(1);
    assertThat(restore.get("medianSeconds").getLongValue()).isEqualTo(3600);
    assertThat(restore.get("p90Seconds").getLongValue()).isEqualTo(125 * 3600);
    assertThat(restore.get("band").getStringValue()).isEqualTo("high");
  }

  @Test
  void withoutAnEnvironmentEveryLinkOfTheChainIsAnswered() {
    JsonNode envs = body(api.get("/api/v1/apps/credreg/dora?since=2w")).get("environments");

    assertThat(envs.size()).isEqualTo(3);
    assertThat(envs.get(0).get("env").getStringValue()).isEqualTo("test");
    // two weeks back from 2026-11-22T09:00Z: only d6 (D+10d) of prod's changes remains
    assertThat(envs.get(2).get("deploymentFrequency").get("deployments").getIntValue())
        .isEqualTo(1);
  }

  @Test
  void aBadPeriodOrEnvironmentIs400AndAnUnknownApp404() {
    assertProblem(api.get("/api/v1/apps/credreg/dora?since=30x"), 400);
    assertProblem(api.get("/api/v1/apps/credreg/dora?since=400d"), 400);
    assertProblem(api.get("/api/v1/apps/credreg/dora?env=staging"), 400);
    assertProblem(api.get("/api/v1/apps/nope/dora"), 404);
  }

  @Test
  void itNeedsTheReadToken() {
    assertThat(api.getWithoutToken("/api/v1/apps/credreg/dora").statusCode()).isEqualTo(401);
  }

  private byte[] withCommittedAt(byte[] build, String committedAt) {
    String body = new String(build, StandardCharsets.UTF_8);
    return ("{\"committedAt\":\"" + committedAt + "\"," + body.substring(1))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRegistrationMayCarryTheCommitTimeAndABadOneIs400() {
    byte[] build = withCommittedAt(api.pushedBuild(7), "2026-11-22T08:30:00+01:00");

    assertThat(api.postSigned(build).statusCode()).isEqualTo(201);
    assertThat(
            api.context
                .getBean(PipelineStore.class)
                .read(r -> r.release("credreg", Fixtures.tag(7)))
                .orElseThrow()
                .committedAt())
        .isEqualTo(Instant.parse("2026-11-22T07:30:00Z"));
    assertProblem(api.postSigned(withCommittedAt(api.pushedBuild(8), "yesterday")), 400);
  }

  @Test
  void prometheusShowsTheAutoDeployOfARegisteredBuild() throws InterruptedException {
    assertThat(api.postSigned(api.pushedBuild(9)).statusCode()).isEqualTo(201);
    String line =
        "baton_deployments_total{app=\"credreg\",env=\"test\",kind=\"auto_deploy\","
            + "outcome=\"succeeded\"}";
    String scrape = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!scrape.contains(line) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = api.getWithoutToken("/prometheus").body();
    }

    assertThat(scrape).contains(line).contains("baton_lead_time_seconds_bucket");
  }
}
