package dev.baton.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.Release;
import java.util.Locale;

/** The revision a service reports in its JSON, and whether it is the release's. */
final class RevisionField {
  /** Git's usual shortest abbreviation; shorter prefixes are too ambiguous to accept. */
  private static final int MIN_ABBREVIATED_COMMIT = 7;

  private RevisionField() {}

  /** The node at a dotted path ({@code build.git.commit}; a number indexes an array), or null. */
  static JsonNode at(JsonNode root, String dottedPath) {
    JsonNode node = root;
    for (String part : dottedPath.split("\\.")) {
      if (node == null) {
        return null;
      }
      node =
          node.isArray() && part.matches("\\d+")
              ? node.get(Integer.parseInt(part))
              : node.get(part);
    }
    return node;
  }

  /**
   * True when {@code reported} is the release's tag, its commit, or an abbreviation of its commit
   * of at least 7 hex digits (what {@code git describe} and most build-info endpoints print).
   */
  static boolean matches(String reported, Release release) {
    String value = reported.strip();
    if (value.equals(release.tag())) {
      return true;
    }
    String commit = release.commit();
    if (commit == null || !Digests.isCommit(value.toLowerCase(Locale.ROOT))) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.equals(commit)
        || (lower.length() >= MIN_ABBREVIATED_COMMIT && commit.startsWith(lower));
  }
}
