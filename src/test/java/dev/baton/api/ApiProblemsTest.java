package dev.baton.api;

import static dev.baton.api.ProblemAnswers.accepting;
import static dev.baton.api.ProblemAnswers.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiProblemsTest {
  @AutoClose private final ApiServer api = new ApiServer();

  @Test
  void unknownRoutesUnderApiAreProblems() {
    assertProblem(api.getWithoutToken("/api/nope"), 404);
    assertProblem(api.get("/api/v1/nope"), 404);
    assertProblem(api.get("/api/v1/apps/credreg/nope/deeper"), 404);
  }

  @Test
  void unknownRoutesUnderV1WithoutATokenDoNotRevealWhetherTheyExist() {
    assertProblem(api.getWithoutToken("/api/v1/nope"), 401);
  }

  @Test
  void aWrongMethodIsAProblem() {
    HttpResponse<String> r = api.getWithoutToken(BuildsController.PATH);
    assertProblem(r, 405);
    assertThat(r.body()).contains("POST");
  }

  @Test
  void anAcceptTheEndpointCannotServeIsAProblem() {
    HttpResponse<String> r = api.send(accepting(api, "/api/v1/apps/credreg", "text/html"));
    assertProblem(r, 406);
  }

  @Test
  void pathsOutsideTheApiKeepTheFrameworkErrors() {
    HttpResponse<String> r = api.getWithoutToken("/not-the-api");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void operationsEndpointsServeTheDatabaseHealthAndMetrics() {
    HttpResponse<String> health = api.getWithoutToken("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"jdbc\":");

    HttpResponse<String> metrics = api.getWithoutToken("/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE");
  }

  @Test
  void withoutCredentialsConfiguredTheEndpointsSayWhichKeyToSet() {
    try (ApiServer bare =
        new ApiServer(Map.of("baton.api.webhook-secret", "", "baton.api.read-token", ""))) {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> build =
          bare.send(
              HttpRequest.newBuilder(bare.uri(BuildsController.PATH))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build());
      assertProblem(build, 503);
      assertThat(build.body())
          .contains("build registration is disabled: set baton.api.webhook-secret");

      HttpResponse<String> read = bare.get("/api/v1/apps");
      assertProblem(read, 503);
      assertThat(read.body()).contains("baton.api.read-token");
    }
  }
}
