package dev.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.PromotionState;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Role in deploy/kubernetes/rbac allows every request Baton makes during promotions (a
 * successful one, and one whose migration fails, which reads pods and logs), and nothing in it is
 * cluster-wide.
 */
@Timeout(60)
class RbacRoleTest {
  static final Path RBAC = Path.of("deploy/kubernetes/rbac");
  static final Pattern NAMESPACED =
      Pattern.compile(
          "/(?:api/v1|apis/([a-z.]+)/v1)/namespaces/([^/]+)/([a-z]+)(?:/([^/?]+))?(?:/([a-z]+))?(\\?.*)?");

  @TempDir Path dir;

  @Test
  void theRoleAllowsEveryRequestOfAPromotion() throws Exception {
    Map<String, Set<String>> allowed = allowedByNamespace();
    Set<String> made = new TreeSet<>();
    try (CoreOnMockCluster c = new CoreOnMockCluster(dir)) {
      PipelineCore core = c.core("replica-a", c.cluster);
      c.registerBuild(core, 1);
      c.jobs.get("test").failEverything();
      c.registerBuild(core, 2);
      assertThat(c.store.read(r -> r.recentPromotions("credreg", 1)).get(0).state())
          .isEqualTo(PromotionState.FAILED);
      c.stopControllers();
      RecordedRequest r;
      while ((r = c.api.server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
        if ("Bearer not-a-real-token".equals(r.getHeader("Authorization"))) {
          made.add(permission(r));
        }
      }
    }
    assertThat(made)
        .as("Baton used these")
        .contains(
            "credreg-test get deployments",
            "credreg-test patch deployments",
            "credreg-test watch deployments",
            "credreg-test create jobs",
            "credreg-test watch jobs",
            "credreg-test list pods",
            "credreg-test get pods/log");
    for (String p : made) {
      String[] nsAndRest = p.split(" ", 2);
      assertThat(allowed.getOrDefault(nsAndRest[0], Set.of()))
          .as("the Role in " + nsAndRest[0] + " allows " + nsAndRest[1])
          .contains(nsAndRest[1]);
    }
  }

  @Test
  void nothingIsClusterWide() throws IOException {
    for (Map<String, Object> doc : documents()) {
      assertThat(doc.get("kind")).isIn("ServiceAccount", "Role", "RoleBinding");
    }
  }

  /** {@code namespace verb resource}, as RBAC sees the request. */
  static String permission(RecordedRequest r) {
    String path = r.getPath();
    Matcher m = NAMESPACED.matcher(path);
    if (!m.matches()) {
      return "cluster-wide " + r.getMethod() + " " + path;
    }
    String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5));
    String query = m.group(6) == null ? "" : m.group(6);
    String verb =
        switch (r.getMethod()) {
          case "GET" ->
              query.contains("watch=true") ? "watch" : m.group(4) == null ? "list" : "get";
          case "POST" -> "create";
          case "PATCH" -> "patch";
          case "PUT" -> "update";
          case "DELETE" -> "delete";
          default -> r.getMethod();
        };
    return m.group(2) + " " + verb + " " + resource;
  }

  /** namespace → "verb resource" the Role there grants. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> allowedByNamespace() throws IOException {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    for (Map<String, Object> doc : documents()) {
      if (!"Role".equals(doc.get("kind"))) {
        continue;
      }
      String ns = (String) ((Map<String, Object>) doc.get("metadata")).get("namespace");
      Set<String> grants = out.computeIfAbsent(ns, k -> new HashSet<>());
      for (Map<String, Object> rule : (List<Map<String, Object>>) doc.get("rules")) {
        for (String resource : (List<String>) rule.get("resources")) {
          for (String verb : (List<String>) rule.get("verbs")) {
            grants.add(verb + " " + resource);
          }
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents() throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (var files = Files.list(RBAC)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          for (Object d : new Yaml().loadAll(in)) {
            if (d != null) {
              docs.add((Map<String, Object>) d);
            }
          }
        }
      }
    }
    return docs;
  }
}
