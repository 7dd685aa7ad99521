package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/** The hand-written OpenAPI document is served, and stays true to the routes the code serves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
  @AutoClose private final ApiServer api = new ApiServer();
  private Map<String, Object> doc;

  @BeforeAll
  void start() {
    doc = new Yaml().load(api.getWithoutToken("/api/openapi.yml").body());
  }

  @Test
  void itIsServedWithoutATokenAsYaml() {
    HttpResponse<String> r = api.getWithoutToken("/api/openapi.yml");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("yaml");
    assertThat(doc.get("openapi").toString()).startsWith("3.0");
  }

  @Test
  @SuppressWarnings("unchecked")
  void itDescribesExactlyTheRoutesUnderApi() {
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
  @SuppressWarnings("unchecked")
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/");
      Object node = doc;
      for (String part : ref.substring(2).split("/")) {
        node = ((Map<String, Object>) node).get(part);
        assertThat(node).as(ref).isNotNull();
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyReadOperationNamesTheBearerSchemeAndRegistrationTheSignature() {
    Map<String, Map<String, Map<String, Object>>> paths =
        (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
    paths.forEach(
        (path, ops) ->
            ops.forEach(
                (method, op) -> {
                  String security = String.valueOf(op.get("security"));
                  if (path.equals("/api/openapi.yml")) {
                    assertThat(security).isEqualTo("[]");
                  } else if (path.equals(BuildsController.PATH)) {
                    assertThat(security).contains("ciSignature");
                  } else {
                    assertThat(security).as(path).contains("readToken");
                  }
                }));
  }

  @SuppressWarnings("unchecked")
  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            if ("$ref".equals(k)) {
              refs.add((String) v);
            } else {
              collectRefs(v, refs);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectRefs(v, refs));
    }
  }
}
