package dev.baton.slack.blocks;

import dev.baton.pipeline.ThreeWayDrift;
import dev.baton.pipeline.ThreeWayDrift.Kind;
import dev.baton.pipeline.ThreeWayDrift.WorkloadDrift;
import java.util.ArrayList;
import java.util.List;

/**
 * A GitOps environment's three-way drift as the board and {@code /baton status} show it: the branch
 * head's short commit id, each workload's digest in Git and in the cluster, and the kind in words.
 */
public final class GitDriftText {
  private GitDriftText() {}

  /**
   * "Git `3f2a9c1d0b4e` · `main-app` Git `sha256:0123456789ab` cluster `sha256:0123456789ab` · … ·
   * ✅ in agreement".
   */
  public static String line(ThreeWayDrift d) {
    Kind kind = d.kind();
    if (kind.unknown()) {
      return "❔ " + Text.escape(d.describe());
    }
    List<String> parts = new ArrayList<>();
    parts.add("Git " + (d.gitCommit() == null ? "(commit unknown)" : Text.code(d.shortCommit())));
    for (WorkloadDrift w : d.workloads()) {
      String git = ThreeWayDrift.shortImage(w.git());
      String cluster = ThreeWayDrift.shortImage(w.cluster());
      parts.add(
          Text.code(w.workload())
              + " Git "
              + Text.code(git)
              + (git.equals(cluster) ? " = cluster" : " cluster " + Text.code(cluster)));
    }
    parts.add(icon(kind) + " " + Text.escape(kind.words()));
    return String.join(" · ", parts);
  }

  private static String icon(Kind kind) {
    return switch (kind) {
      case AGREE -> "✅";
      case INVENTORY_DIFFERS -> "ℹ️";
      default -> "⚠️";
    };
  }
}
