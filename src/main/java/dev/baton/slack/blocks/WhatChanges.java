package dev.baton.slack.blocks;

import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.model.PromotionKind;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.SourceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an open promotion changes in its environment, beside the tag and digests it ships: which
 * workloads' digests change and which stay (against the release the environment's inventory names),
 * and the commit range from what runs to what ships, as a compare link when the app configures its
 * source repository. The release's build link is in the "Ships" line; how long it has baked is
 * {@link ApprovalLines#bake}, built from the core's {@code view/Bake} (where the health of a
 * metric-gated bake joins it).
 */
public final class WhatChanges {
  private static final int SHORT_DIGEST = 12;
  private static final int SHORT_COMMIT = 12;

  private WhatChanges() {}

  /** Shown while the promotion is requested or approved, not yet running. */
  static boolean applies(PromotionCard c) {
    Promotion p = c.promotion();
    return p.kind() == PromotionKind.PROMOTION
        && (p.state() == PromotionState.PENDING_APPROVAL || p.state() == PromotionState.APPROVED);
  }

  static String section(PromotionCard c) {
    Promotion p = c.promotion();
    String env = PromotionMessage.envName(p.env());
    Release runs = c.running();
    List<String> lines = new ArrayList<>();
    if (runs == null) {
      lines.add(
          "*What changes in "
              + env
              + ":* first deployment — nothing runs there yet, every workload is new");
      return Text.lines(lines, Text.SECTION);
    }
    lines.add("*What changes in " + env + "* (runs " + Text.code(runs.tag()) + " now):");
    String commits = commits(runs, c.release(), c.source());
    if (commits != null) {
      lines.add(commits);
    }
    p.digests().forEach((workload, digest) -> lines.add(workload(workload, digest, runs)));
    return Text.lines(lines, Text.SECTION);
  }

  private static String workload(String workload, String digest, Release runs) {
    Map<String, String> before = runs.digests();
    String w = Text.code(workload);
    if (!before.containsKey(workload)) {
      return "🆕 " + w + " new";
    }
    if (before.get(workload).equals(digest)) {
      return "➖ " + w + " stays " + Text.code(shortDigest(digest));
    }
    return "🔄 "
        + w
        + " changes "
        + Text.code(shortDigest(before.get(workload)))
        + " → "
        + Text.code(shortDigest(digest));
  }

  /** "*Commits* `a`…`b` · compare", or null when either end's commit is unknown. */
  static String commits(Release from, Release to, SourceRepository source) {
    if (to == null || from.commit() == null || to.commit() == null) {
      return null;
    }
    if (from.commit().equals(to.commit())) {
      return "*Commits:* none — the same commit " + Text.code(shortCommit(to.commit()));
    }
    String range =
        "*Commits:* "
            + Text.code(shortCommit(from.commit()))
            + "…"
            + Text.code(shortCommit(to.commit()));
    return source == null
        ? range
        : source
            .compareLink(from.commit(), to.commit())
            .filter(link -> link.matches("https?://\\S+") && link.length() < 2900)
            .map(link -> range + " · <" + link.replace("|", "%7C") + "|compare>")
            .orElse(range);
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    String hex = colon < 0 ? digest : digest.substring(colon + 1);
    return (colon < 0 ? "" : digest.substring(0, colon + 1))
        + hex.substring(0, Math.min(SHORT_DIGEST, hex.length()));
  }

  private static String shortCommit(String commit) {
    return commit.length() <= SHORT_COMMIT ? commit : commit.substring(0, SHORT_COMMIT);
  }
}
