package dev.baton.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the validation table: a valid base configuration, changed a little, and the key that
 * the error must name.
 */
record ValidationCase(
    String name, Map<String, Object> with, Set<String> without, String key, String says) {

  /** A small valid pipeline: credreg with two workloads through test, sandbox and prod. */
  static Map<String, Object> base() {
    Map<String, Object> p = new HashMap<>();
    p.put("baton.chain", List.of("test", "sandbox", "prod"));
    p.put("baton.environments.test.cluster.namespace", "credreg-test");
    p.put("baton.environments.test.policy.auto-deploy", true);
    p.put("baton.environments.sandbox.policy.required-approvals", 1);
    p.put("baton.environments.sandbox.policy.approvers", List.of("S0SANDBOX"));
    p.put("baton.environments.prod.policy.required-approvals", 2);
    p.put("baton.environments.prod.policy.approvers", List.of("S0RELEASE", "U0ALICE"));
    p.put("baton.environments.prod.policy.minimum-bake", "24h");
    p.put("baton.environments.prod.policy.pointer-tags", List.of("prod"));
    p.put("baton.apps.credreg.workloads.main-app.container", "app");
    p.put("baton.apps.credreg.workloads.main-app.repository", "credreg/main-app");
    p.put("baton.apps.credreg.workloads.worker-app.container", "worker");
    p.put("baton.apps.credreg.workloads.worker-app.repository", "credreg/worker-app");
    p.put("baton.apps.credreg.migration.workload", "main-app");
    p.put("baton.apps.credreg.migration.command", List.of("migrate"));
    p.put(
        "baton.apps.credreg.smoke-checks",
        List.of(Map.of("env", "prod", "url", "https://credreg.example.com/health")));
    return p;
  }

  static ValidationCase named(String name) {
    return new ValidationCase(name, Map.of(), Set.of(), null, null);
  }

  ValidationCase with(String key, Object value) {
    Map<String, Object> w = new HashMap<>(with);
    w.put(key, value);
    return new ValidationCase(name, w, without, this.key, says);
  }

  ValidationCase without(String key) {
    Set<String> w = new HashSet<>(without);
    w.add(key);
    return new ValidationCase(name, with, w, this.key, says);
  }

  /** The error must have a line starting with {@code key} that contains {@code says}. */
  ValidationCase fails(String key, String says) {
    return new ValidationCase(name, with, without, key, says);
  }

  Map<String, Object> properties() {
    Map<String, Object> p = base();
    without.forEach(p::remove);
    p.putAll(with);
    return p;
  }

  @Override
  public String toString() {
    return name;
  }
}
