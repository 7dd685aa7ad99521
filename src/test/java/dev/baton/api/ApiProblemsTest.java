package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiProblemsTest {
  private ApiServer api;

  @BeforeAll
  void start() {
    api = new ApiServer();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body())
        .startsWith("{\"type\":\"about:blank\",\"title\":\"")
        .contains("\"status\":" + status + ",\"detail\":\"");
  }

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
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(api.uri("/api/v1/apps/credreg"))
                .header("Authorization", "Bearer " + ApiServer.READ_TOKEN)
                .header("Accept", "text/html")
                .build());
    assertProblem(r, 406);
  }

  @Test
  void pathsOutsideTheApiKeepTheFrameworkErrors() {
    HttpResponse<String> r = api.getWithoutToken("/not-the-api");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void theOpenApiDocumentIsServedWithoutAToken() {
    HttpResponse<String> r = api.getWithoutToken("/api/openapi.yml");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("yaml");
    Map<String, Object> doc = new Yaml().load(r.body());
    assertThat(doc.get("openapi").toString()).startsWith("3.0");
  }

  /** Keeps the hand-written document true to the code: same paths, same methods. */
  @Test
  @SuppressWarnings("unchecked")
  void theOpenApiDocumentDescribesExactlyTheApiRoutes() {
    Map<String, Object> doc = new Yaml().load(api.getWithoutToken("/api/openapi.yml").body());
    Set<String> documented = new TreeSet<>();
    ((Map<String, Map<String, Object>>) doc.get("paths"))
        .forEach(
            (path, ops) ->
                ops.keySet().stream()
                    .filter(m -> !m.equals("parameters"))
                    .forEach(m -> documented.add(m.toUpperCase() + " " + path)));

    Set<String> routed =
        api.context
            .getBean(Router.class)
            .uriRoutes()
            .map(r -> (UriRouteInfo<?, ?>) r)
            .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api"))
            .filter(r -> r.getHttpMethod() != HttpMethod.HEAD)
            .map(r -> r.getHttpMethod() + " " + r.getUriMatchTemplate().toString())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).isEqualTo(routed);
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
