package dev.baton.slack.blocks;

import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.UnrecordedImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What people read about images that run where Baton recorded no deployment: the line on the board
 * and in {@code /baton status}, and the reply in the thread of the first deployment that replaces
 * them.
 */
public final class UnrecordedText {
  private UnrecordedText() {}

  /** "runs `credreg/main-app@sha256:0b3f…`, not a release Baton knows". */
  public static String runs(UnrecordedImages u) {
    List<String> refs = new ArrayList<>();
    u.images().values().forEach(image -> refs.add(Text.code(compact(image))));
    return "runs "
        + String.join(", ", refs)
        + (u.isRegisteredRelease()
            ? ", the images of " + Text.code(u.release()) + ", which Baton did not deploy here"
            : ", not a release Baton knows");
  }

  /** The thread reply when the first deployment into the environment starts. */
  public static String replaced(UnrecordedImages u) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "ℹ️ Before this first deployment by Baton, *"
            + Text.escape(u.env().toUpperCase(Locale.ROOT))
            + "* ran "
            + (u.isRegisteredRelease()
                ? "the images of " + Text.code(u.release()) + ", which Baton had not deployed there"
                : "images that are not a release Baton knows")
            + "; this deployment replaces them:");
    u.images().forEach((w, image) -> lines.add(Text.code(w) + " " + Text.code(image)));
    lines.add("The audit log keeps them (`promotion.replacing-unrecorded`).");
    return Text.lines(lines, Text.SECTION);
  }

  /** {@code repo@sha256:} with the digest's first 12 hex digits, other references as they are. */
  static String compact(String image) {
    int at = image.indexOf("@sha256:");
    if (at < 0) {
      return image;
    }
    return image.substring(0, at + 1)
        + "sha256:"
        + Digests.shortDigest(image.substring(at + 1))
        + "…";
  }
}
