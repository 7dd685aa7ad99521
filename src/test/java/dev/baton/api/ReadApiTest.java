package dev.baton.api;

import static dev.baton.api.ProblemAnswers.accepting;
import static dev.baton.api.ProblemAnswers.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest {
  private static final String FREEZE_REASON = "incident 42, \"db\" down";
  @AutoClose private final ApiServer api = new ApiServer();
  private JsonMapper json;
  private Instant secondBuildAt;

  @BeforeAll
  void start() {
    json = api.context.getBean(JsonMapper.class);
    for (int n = 1; n <= 3; n++) {
      if (n == 2) {
        secondBuildAt = api.clock.instant();
      }
      assertThat(api.postSigned(api.pushedBuild(n)).statusCode()).isEqualTo(201);
      awaitCurrentInTest(Fixtures.tag(n));
      api.clock.advance(Duration.ofMinutes(10));
    }
    api.context
        .getBean(PipelineCore.class)
        .freezes()
        .freeze("prod", Duration.ofHours(2), FREEZE_REASON, Fixtures.DEPLOYER);
  }

  /** The first link auto-deploys on a runner thread; wait until its rollout is recorded. */
  private void awaitCurrentInTest(String tag) {
    PipelineCore core = api.context.getBean(PipelineCore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      boolean done =
          core.ports()
              .store()
              .read(r -> r.currentDeployment("credreg", "test"))
              .filter(d -> d.releaseTag().equals(tag))
              .isPresent();
      if (done) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError(tag + " was not auto-deployed to test");
  }

  private JsonNode body(HttpResponse<String> r) {
    try {
      return json.readValue(r.body(), JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  @Test
  void withoutATokenTheReadEndpointsAnswer401WithABearerChallenge() {
    for (String path :
        List.of("/api/v1/apps", "/api/v1/apps/credreg", "/api/v1/audit", "/api/v1/audit/verify")) {
      HttpResponse<String> r = api.getWithoutToken(path);
      assertProblem(r, 401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }
  }

  @Test
  void aWrongTokenIsRefused() {
    for (String auth : List.of("Bearer nope", "Bearer " + ApiServer.READ_TOKEN + "x", "Basic x")) {
      HttpResponse<String> r =
          api.send(
              HttpRequest.newBuilder(api.uri("/api/v1/apps"))
                  .header("Authorization", auth)
                  .build());
      assertProblem(r, 401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }
  }

  @Test
  void theAppShowsWhatRunsInEachEnvironmentAfterARegistration() {
    HttpResponse<String> r = api.get("/api/v1/apps/credreg");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode app = body(r);
    assertThat(app.get("app").getStringValue()).isEqualTo("credreg");
    JsonNode envs = app.get("environments");
    assertThat(envs.size()).isEqualTo(3);
    JsonNode test = envs.get(0);
    assertThat(test.get("env").getStringValue()).isEqualTo("test");
    assertThat(test.get("nextEnv").getStringValue()).isEqualTo("sandbox");
    JsonNode current = test.get("current");
    assertThat(current.get("release").getStringValue()).isEqualTo(Fixtures.tag(3));
    assertThat(current.get("commit").getStringValue()).isEqualTo(String.format("%040x", 3));
    assertThat(current.get("digests").get("main-app").getStringValue())
        .isEqualTo(Fixtures.digest("main-3"));
    assertThat(current.get("kind").getStringValue()).isEqualTo("AUTO");
    assertThat(current.get("since").getStringValue()).isNotBlank();
    // sandbox needs 30 minutes of bake in test; build 3 has run 10 minutes.
    assertThat(test.get("bakeRemainingSeconds").getLongValue()).isEqualTo(20 * 60);
    assertThat(envs.get(1).get("current").isNull()).isTrue();
    JsonNode prod = envs.get(2);
    assertThat(prod.get("nextEnv").isNull()).isTrue();
    assertThat(prod.get("requiredApprovals").getIntValue()).isEqualTo(2);
    assertThat(prod.get("freeze").get("frozenBy").getStringValue()).isEqualTo(Fixtures.DEPLOYER);
    assertThat(prod.get("freeze").get("reason").getStringValue()).isEqualTo(FREEZE_REASON);
    assertThat(prod.get("freeze").get("until").getStringValue()).isNotBlank();
    assertThat(prod.get("promotions").size()).isZero();
  }

  @Test
  void theListShowsEveryAppWithItsEnvironmentsCurrentReleases() {
    HttpResponse<String> r = api.get("/api/v1/apps");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode apps = body(r).get("apps");
    assertThat(apps.size()).isEqualTo(1);
    JsonNode envs = apps.get(0).get("environments");
    assertThat(envs.get(0).get("release").getStringValue()).isEqualTo(Fixtures.tag(3));
    assertThat(envs.get(2).get("env").getStringValue()).isEqualTo("prod");
    assertThat(envs.get(2).get("release").isNull()).isTrue();
  }

  @Test
  void theLocationOfARegistrationServesTheRelease() {
    HttpResponse<String> r = api.get("/api/v1/apps/credreg/releases/" + Fixtures.tag(2));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(body(r).get("commit").getStringValue()).isEqualTo(String.format("%040x", 2));
    assertProblem(api.get("/api/v1/apps/credreg/releases/2020.01.01.0001"), 404);
  }

  @Test
  void anUnknownAppIsNotFound() {
    HttpResponse<String> r = api.get("/api/v1/apps/nope");

    assertProblem(r, 404);
    assertThat(r.body()).contains("unknown app").contains("credreg");
  }

  @Test
  void auditPagesFollowNextUntilTheEndWithoutGapsOrRepeats() {
    List<Long> all = seqs(body(api.get("/api/v1/audit?limit=1000")));
    assertThat(all).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    List<Long> paged = new ArrayList<>();
    String next = "/api/v1/audit?limit=2";
    int pages = 0;
    while (next != null) {
      JsonNode page = body(api.get(next));
      assertThat(page.get("events").size()).isLessThanOrEqualTo(2);
      paged.addAll(seqs(page));
      next = page.get("next").isNull() ? null : page.get("next").getStringValue();
      pages++;
    }

    assertThat(paged).isEqualTo(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);
  }

  @Test
  void theNextLinkKeepsTheFiltersAndIsAlsoALinkHeader() {
    HttpResponse<String> r = api.get("/api/v1/audit?actor=ci&limit=1");

    String next = body(r).get("next").getStringValue();
    assertThat(next).contains("actor=ci").contains("limit=1").contains("before=");
    assertThat(r.headers().firstValue("Link")).hasValue("<" + next + ">; rel=\"next\"");
  }

  @Test
  void auditFiltersCombine() {
    JsonNode byCi = body(api.get("/api/v1/audit?actor=ci"));
    assertThat(byCi.get("events").size()).isEqualTo(3);
    for (JsonNode e : byCi.get("events").values()) {
      assertThat(e.get("action").getStringValue()).isEqualTo("release.registered");
    }

    JsonNode byRelease = body(api.get("/api/v1/audit?release=" + Fixtures.tag(2)));
    assertThat(byRelease.get("events").size()).isPositive();
    for (JsonNode e : byRelease.get("events").values()) {
      assertThat(e.get("release").getStringValue()).isEqualTo(Fixtures.tag(2));
    }

    JsonNode prod = body(api.get("/api/v1/audit?env=prod"));
    assertThat(prod.get("events").size()).isEqualTo(1);
    assertThat(prod.get("events").get(0).get("action").getStringValue()).isEqualTo("env.frozen");

    Instant from = secondBuildAt;
    Instant to = secondBuildAt.plus(Duration.ofMinutes(10));
    JsonNode window =
        body(api.get("/api/v1/audit?app=credreg&actor=ci&from=" + from + "&to=" + to));
    assertThat(window.get("events").size()).isEqualTo(1);
    assertThat(window.get("events").get(0).get("release").getStringValue())
        .isEqualTo(Fixtures.tag(2));

    JsonNode none = body(api.get("/api/v1/audit?app=other"));
    assertThat(none.get("events").size()).isZero();
    assertThat(none.get("next").isNull()).isTrue();
  }

  @Test
  void badAuditParametersAreBadRequestsThatNameTheParameter() {
    for (String q :
        List.of(
            "from=yesterday",
            "to=2026-13-01",
            "limit=0",
            "limit=1001",
            "limit=ten",
            "before=0",
            "before=x",
            "format=xml",
            "from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z")) {
      HttpResponse<String> r = api.get("/api/v1/audit?" + q);
      assertProblem(r, 400);
      assertThat(r.body()).contains(q.substring(0, q.indexOf('=')));
    }
  }

  @Test
  void csvExportQuotesDetailsWithCommasAndQuotes() {
    HttpResponse<String> r = api.get("/api/v1/audit?env=prod&format=csv");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
    String[] lines = r.body().split("\r\n");
    assertThat(lines[0])
        .isEqualTo("seq,at,actor,action,app,env,release,promotion,detail,prev_hash,hash");
    assertThat(lines).hasSize(2);
    assertThat(lines[1])
        .contains("," + Fixtures.DEPLOYER + ",env.frozen,,prod,,,\"until ")
        .contains(": incident 42, \"\"db\"\" down\",");
  }

  @Test
  void csvIsAlsoChosenByTheAcceptHeader() {
    HttpResponse<String> r = api.send(accepting(api, "/api/v1/audit?limit=1", "text/csv"));

    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
    assertThat(r.body()).startsWith("seq,at,actor,");
    assertThat(r.headers().firstValue("Link")).get().asString().contains("before=");
  }

  @Test
  void theAuditChainVerifies() {
    int events = body(api.get("/api/v1/audit?limit=1000")).get("events").size();

    JsonNode v = body(api.get("/api/v1/audit/verify"));

    assertThat(v.get("valid").getBooleanValue()).isTrue();
    assertThat(v.get("events").getLongValue()).isEqualTo(events);
    assertThat(v.get("headHash").getStringValue()).hasSize(64);
    assertThat(v.get("problem").isNull()).isTrue();
  }

  private static List<Long> seqs(JsonNode page) {
    List<Long> out = new ArrayList<>();
    for (JsonNode e : page.get("events").values()) {
      out.add(e.get("seq").getLongValue());
    }
    return out;
  }
}
