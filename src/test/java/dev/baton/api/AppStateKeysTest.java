package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The app state's keys are the ones docs/api.md and the OpenAPI document promise, always present;
 * an environment running images Baton never deployed there shows them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppStateKeysTest {
  static final String OLD_MAIN = "credreg/main-app@" + Fixtures.digest("before-baton-main");

  @AutoClose private final ApiServer api = new ApiServer();
  private JsonNode state;

  @BeforeAll
  void start() throws Exception {
    assertThat(api.postSigned(api.pushedBuild(1)).statusCode()).isEqualTo(201);
    PipelineCore core = api.context.getBean(PipelineCore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (core.queries().appState("credreg").environments().get(0).current() == null
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    api.cluster.setByHand("sandbox", "main-app", OLD_MAIN, true);
    HttpResponse<String> r = api.get("/api/v1/apps/credreg");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    state = api.context.getBean(JsonMapper.class).readValue(r.body(), JsonNode.class);
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.entries().forEach(e -> out.add(e.getKey()));
    return out;
  }

  /** The backticked names of docs/api.md's "All keys are always present" paragraph. */
  private static Set<String> documentedKeys() throws IOException {
    String doc = Files.readString(Path.of("docs/api.md"));
    int at = doc.indexOf("All keys are always present");
    assertThat(at).as("docs/api.md lists the app state's keys").isPositive();
    String paragraph = doc.substring(at, doc.indexOf("\n\n", at));
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Za-z]+)`").matcher(paragraph);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Set<String> openApiRequired(String schema) {
    Map<String, Object> doc = new Yaml().load(api.getWithoutToken("/api/openapi.yml").body());
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> s = (Map<String, Object>) schemas.get(schema);
    assertThat(((Map<String, Object>) s.get("properties")).keySet())
        .as(schema + " describes every required key")
        .containsAll((List<String>) s.get("required"));
    return new TreeSet<>((List<String>) s.get("required"));
  }

  @Test
  void everyEnvironmentHasExactlyTheDocumentedKeysAlsoWhenTheyAreNull() throws IOException {
    Set<String> documented = documentedKeys();
    Set<String> top = keys(state);
    List<Set<String>> perEnv = new ArrayList<>();
    state.get("environments").values().forEach(e -> perEnv.add(keys(e)));

    assertThat(perEnv).hasSize(3);
    Set<String> all = new TreeSet<>(top);
    perEnv.forEach(all::addAll);
    assertThat(all).isEqualTo(documented);
    for (Set<String> env : perEnv) {
      assertThat(env).isEqualTo(perEnv.get(0)).isEqualTo(openApiRequired("EnvironmentState"));
    }
    assertThat(top).isEqualTo(openApiRequired("AppState"));
    assertThat(perEnv.get(0)).contains("drift", "unrecordedImages");
  }

  @Test
  void anEnvironmentRunningImagesBatonNeverDeployedThereShowsThem() {
    JsonNode sandbox = state.get("environments").get(1);

    assertThat(sandbox.get("env").getStringValue()).isEqualTo("sandbox");
    assertThat(sandbox.get("current").isNull()).isTrue();
    assertThat(sandbox.get("unrecordedImages").get("main-app").getStringValue())
        .isEqualTo(OLD_MAIN);
    assertThat(keys(sandbox.get("unrecordedImages"))).containsExactly("main-app");
    assertThat(sandbox.get("drift").getStringValue())
        .isEqualTo(
            "sandbox runs "
                + OLD_MAIN
                + ", not a release Baton knows; Baton has recorded no deployment of credreg there");
    JsonNode test = state.get("environments").get(0);
    assertThat(test.get("unrecordedImages").isNull()).isTrue();
    assertThat(test.get("drift").isNull()).isTrue();
    JsonNode prod = state.get("environments").get(2);
    assertThat(prod.get("unrecordedImages").isNull()).as("nothing runs in prod").isTrue();
    assertThat(prod.get("drift").isNull()).isTrue();
  }
}
