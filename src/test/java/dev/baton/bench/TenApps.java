package dev.baton.bench;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ten apps in a test → sandbox → prod chain of {@link BenchWorld}'s cluster, for the stages that
 * need more than credreg: credreg as the request mix knows it, and {@code app02} … {@code app10} of
 * one workload each. Each Baton gets its own namespaces ({@code <prefix>-test}, …); test
 * auto-deploys and rolls out at once, sandbox needs no approval, prod needs {@link
 * BenchWorld#APPROVER_1} and {@link BenchWorld#APPROVER_2} and only {@link BenchWorld#DEPLOYER}
 * asks.
 */
final class TenApps {
  static final List<String> ENVS = List.of("test", "sandbox", "prod");
  static final List<String> APPS = apps();

  private TenApps() {}

  private static List<String> apps() {
    List<String> apps = new ArrayList<>(List.of("credreg"));
    for (int i = 2; i <= 10; i++) {
      apps.add("app%02d".formatted(i));
    }
    return List.copyOf(apps);
  }

  /** The app's workloads, as workload name → container name. */
  static Map<String, String> workloads(String app) {
    return app.equals("credreg") ? BenchWorld.CONTAINERS : Map.of("web", "app");
  }

  static String namespace(String prefix, String env) {
    return prefix + "-" + env;
  }

  /** Every app's Deployments in the namespaces of {@code prefix}; test and sandbox roll out. */
  static void createDeployments(BenchWorld world, String prefix) {
    for (String env : ENVS) {
      String ns = namespace(prefix, env);
      for (String app : APPS) {
        workloads(app)
            .forEach(
                (w, container) ->
                    world.cluster.createRolledOut(
                        ns, app + "-" + w, container, app + "/" + w + "@sha256:" + "0".repeat(64)));
      }
      if (!env.equals("prod")) {
        world.cluster.rollOut(ns, Duration.ofMillis(20));
      }
    }
  }

  /**
   * The pipeline file of a Baton on the namespaces of {@code prefix}; {@code analysis}, when not
   * null, is the {@code analysis:} block (indented for an environment) of test and sandbox.
   */
  static String config(BenchWorld world, String prefix, String analysis) {
    StringBuilder b = new StringBuilder();
    b.append("baton:\n  instance-id: bench-").append(prefix).append('\n');
    b.append("  chain: [test, sandbox, prod]\n  environments:\n");
    for (String env : ENVS) {
      b.append("    ").append(env).append(":\n");
      b.append(world.clusterLine(namespace(prefix, env)));
      switch (env) {
        case "test" -> b.append("      policy: {auto-deploy: true, pointer-tags: [latest]}\n");
        case "sandbox" -> b.append("      policy: {required-approvals: 0}\n");
        default ->
            b.append("      policy:\n        required-approvals: 2\n        approvers: [")
                .append(BenchWorld.APPROVER_1)
                .append(", ")
                .append(BenchWorld.APPROVER_2)
                .append("]\n        deployers: [")
                .append(BenchWorld.DEPLOYER)
                .append("]\n        pointer-tags: [prod]\n");
      }
      if (analysis != null && !env.equals("prod")) {
        b.append(analysis);
      }
    }
    b.append("  registries:\n    default: {type: oci, url: '")
        .append(world.registryUrl)
        .append("', insecure: true}\n  apps:\n");
    for (String app : APPS) {
      b.append("    ").append(app).append(":\n      registry: default\n");
      b.append("      channel: '").append(BenchWorld.CHANNEL).append("'\n      workloads:\n");
      workloads(app)
          .forEach(
              (w, container) ->
                  b.append("        ")
                      .append(w)
                      .append(": {deployment: ")
                      .append(app)
                      .append('-')
                      .append(w)
                      .append(", container: ")
                      .append(container)
                      .append(", repository: ")
                      .append(app)
                      .append('/')
                      .append(w)
                      .append("}\n"));
    }
    return b.toString();
  }

  /** Build {@code n} of every app pushed and registered, and running in test. */
  static void inTest(BenchWorld world, String base, int n) throws Exception {
    String tag = BenchWorld.tag(n);
    for (String app : APPS) {
      Map<String, String> digests = new LinkedHashMap<>();
      for (String w : workloads(app).keySet()) {
        digests.put(w, world.pushImage(app + "/" + w));
      }
      world.registerBuild(base, app, tag, n, digests);
    }
    for (String app : APPS) {
      world.await(
          base,
          app,
          app + " " + tag + " running in test",
          st -> tag.equals(BenchWorld.current(st, "test")),
          Duration.ofSeconds(60));
    }
  }

  /** {@code /promote <app> sandbox} for every app, by the deployer, one right after the other. */
  static void promoteAllToSandbox(BenchWorld world, String base) throws Exception {
    for (String app : APPS) {
      world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", app + " sandbox"));
    }
  }

  /** Waits until every app runs build {@code n} in sandbox. */
  static void inSandbox(BenchWorld world, String base, int n, Duration timeout) throws Exception {
    String tag = BenchWorld.tag(n);
    for (String app : APPS) {
      world.await(
          base,
          app,
          app + " " + tag + " running in sandbox",
          st -> tag.equals(BenchWorld.current(st, "sandbox")),
          timeout);
    }
  }

  /**
   * With build {@code n} in sandbox: credreg's promotion to prod requested (it waits for its
   * approvals) and the request mix of a Baton in this state, each kind answered once.
   */
  static RequestMix pendingProd(BenchWorld world, String base, int n) throws Exception {
    JsonObject s = world.state(base, "credreg");
    String finished =
        BenchWorld.env(s, "sandbox").getAsJsonObject("current").get("promotion").getAsString();
    world.send(base, world.slashBody(BenchWorld.DEPLOYER, "/promote", "credreg prod"));
    s =
        world.await(
            base,
            "a promotion to prod waiting for approval",
            st -> BenchWorld.openPromotion(st, "prod") != null,
            Duration.ofSeconds(30));
    String pending = BenchWorld.openPromotion(s, "prod").get("id").getAsString();
    RequestMix mix = new RequestMix(world, pending, finished, BenchWorld.tag(n), "sandbox");
    for (RequestMix.Kind k : mix.kinds()) {
      world.send(base, k.body().apply(world.newResponseUrl()));
    }
    return mix;
  }
}
