package dev.baton.config;

import static dev.baton.config.ConfigPatterns.matches;

import dev.baton.config.EnvironmentProperties.PolicyProperties;
import dev.baton.pipeline.model.Digests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Resolves the chain and checks each environment's cluster and policy. */
final class EnvironmentRules {
  private EnvironmentRules() {}

  /**
   * The environments in chain order. Without {@code baton.chain}, the default chain is used and its
   * unconfigured links get the default policy; with it, every link must be configured.
   */
  static List<EnvironmentProperties> resolveChain(
      ChainProperties chain, List<EnvironmentProperties> configured, Problems problems) {
    Map<String, EnvironmentProperties> byName = new TreeMap<>();
    configured.forEach(e -> byName.put(e.name(), e));
    List<EnvironmentProperties> ordered = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> names = chain.names();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String key = "baton.chain[" + i + "]";
      if (name == null || name.isBlank()) {
        problems.add(key, "is blank");
      } else if (!seen.add(name)) {
        problems.add(key, "names '" + name + "' twice; each environment appears once");
      } else if (byName.containsKey(name)) {
        ordered.add(byName.get(name));
      } else if (!chain.explicit()) {
        ordered.add(EnvironmentProperties.unconfigured(name));
      } else {
        problems.add(
            key,
            "names '"
                + name
                + "' but "
                + EnvironmentProperties.PREFIX
                + "."
                + name
                + " is not configured (an environment needs at least one key, e.g. cluster.namespace)");
      }
    }
    for (String name : byName.keySet()) {
      if (!seen.contains(name)) {
        problems.add(EnvironmentProperties.PREFIX + "." + name, notInChain(chain));
      }
    }
    return ordered;
  }

  private static String notInChain(ChainProperties chain) {
    return chain.explicit()
        ? "is not in baton.chain " + chain.names()
        : "is not in the chain: baton.chain is not set, so the chain is the default "
            + chain.names()
            + "; set baton.chain to list every environment in order";
  }

  /** Checks every environment of the resolved chain (first link first). */
  static void check(List<EnvironmentProperties> chain, Problems problems) {
    Map<String, String> tagOwners = new HashMap<>();
    for (int i = 0; i < chain.size(); i++) {
      EnvironmentProperties env = chain.get(i);
      if (!matches(ConfigPatterns.NAME, env.name())) {
        problems.add(env.key(), "the name '" + env.name() + "' must match " + ConfigPatterns.NAME);
      }
      checkCluster(env, problems);
      GitRules.check(env, problems);
      WindowRules.check(env, problems);
      new PolicyCheck(env.key() + ".policy.", env.policy(), problems)
          .check(i == 0, chain.get(0).name(), env.name(), tagOwners);
    }
  }

  private static void checkCluster(EnvironmentProperties env, Problems problems) {
    String namespace = env.cluster().namespace();
    if (namespace == null && !matches(ConfigPatterns.DNS_LABEL, env.name())) {
      problems.add(
          env.key() + ".cluster.namespace",
          "is required: the environment's name '"
              + env.name()
              + "' is not a valid Kubernetes namespace");
    } else if (namespace != null && !matches(ConfigPatterns.DNS_LABEL, namespace)) {
      problems.add(
          env.key() + ".cluster.namespace",
          "'" + namespace + "' is not a valid Kubernetes namespace");
    }
  }

  /** The checks of one policy; {@code k} is its key prefix, ending with a dot. */
  private record PolicyCheck(String k, PolicyProperties p, Problems problems) {
    void check(boolean first, String firstName, String envName, Map<String, String> tagOwners) {
      if (p.autoDeploy() && !first) {
        problems.add(
            k + "auto-deploy", "only the first environment (" + firstName + ") may auto-deploy");
      }
      if (p.minimumBake().isNegative()) {
        problems.add(k + "minimum-bake", "is negative (" + p.minimumBake() + ")");
      } else if (first && !p.minimumBake().isZero()) {
        problems.add(
            k + "minimum-bake",
            "is "
                + p.minimumBake()
                + " but "
                + envName
                + " is the first environment: there is no previous environment to bake in");
      }
      if (p.approvalTtl().isNegative() || p.approvalTtl().isZero()) {
        problems.add(k + "approval-ttl", "must be positive (is " + p.approvalTtl() + ")");
      } else if (p.reminderBefore().isNegative()
          || p.reminderBefore().compareTo(p.approvalTtl()) >= 0) {
        problems.add(
            k + "reminder-before",
            "must be at least 0s and shorter than approval-ttl "
                + p.approvalTtl()
                + " (is "
                + p.reminderBefore()
                + ")");
      }
      principals("approvers", p.approvers());
      principals("deployers", p.deployers());
      principals("admins", p.admins());
      approvals("required-approvals", p.requiredApprovals());
      approvals("rollback-approvals", p.rollbackApprovals());
      pointerTags(envName, tagOwners);
      breakGlass();
    }

    /** Break-glass needs at least one approval, from approvers that can give them. */
    private void breakGlass() {
      List<String> ids = p.breakGlassApprovers();
      principals("break-glass-approvers", ids);
      int n = p.breakGlassApprovals();
      long users = ids.stream().filter(id -> id != null && !id.startsWith("S")).count();
      boolean groups = ids.stream().anyMatch(id -> id != null && id.startsWith("S"));
      if (n < 1) {
        problems.add(
            k + "break-glass-approvals",
            "is " + n + " but must be 1 or more: a break-glass promotion always needs approval");
      } else if (!ids.isEmpty() && n > users && !groups) {
        problems.add(
            k + "break-glass-approvals",
            "is "
                + n
                + " but break-glass-approvers lists only "
                + users
                + " user(s) and no user group: it can never be satisfied");
      }
    }

    private void principals(String field, List<String> ids) {
      for (int i = 0; i < ids.size(); i++) {
        if (!matches(ConfigPatterns.SLACK_PRINCIPAL, ids.get(i))) {
          problems.add(
              k + field + "[" + i + "]",
              "'" + ids.get(i) + "' is not a Slack user ID (U…, W…) or user-group ID (S…)");
        }
      }
    }

    private void approvals(String field, int n) {
      long users = p.approvers().stream().filter(id -> id != null && !id.startsWith("S")).count();
      boolean groups = p.approvers().stream().anyMatch(id -> id != null && id.startsWith("S"));
      if (n < 0) {
        problems.add(k + field, "is " + n + " but must be 0 or more");
      } else if (n > 0 && p.approvers().isEmpty()) {
        problems.add(k + field, "is " + n + " but approvers is empty: nobody could approve");
      } else if (n > users && !groups) {
        problems.add(
            k + field,
            "is "
                + n
                + " but approvers lists only "
                + users
                + " user(s) and no user group: it can never be satisfied");
      }
    }

    private void pointerTags(String envName, Map<String, String> tagOwners) {
      for (int i = 0; i < p.pointerTags().size(); i++) {
        String tag = p.pointerTags().get(i);
        String key = k + "pointer-tags[" + i + "]";
        if (!matches(ConfigPatterns.IMAGE_TAG, tag)) {
          problems.add(key, "'" + tag + "' is not a valid image tag");
        } else if (Digests.isReleaseTag(tag)) {
          problems.add(
              key,
              "'"
                  + tag
                  + "' has the shape of a release tag; a pointer tag must be a floating name such as latest or prod");
        } else if (tagOwners.containsKey(tag) && !tagOwners.get(tag).equals(envName)) {
          problems.add(
              key,
              "'"
                  + tag
                  + "' is already moved by environment "
                  + tagOwners.get(tag)
                  + "; a pointer tag belongs to one environment");
        } else {
          tagOwners.put(tag, envName);
        }
      }
    }
  }
}
