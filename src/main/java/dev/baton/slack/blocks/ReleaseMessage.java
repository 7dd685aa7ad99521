package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import dev.baton.pipeline.model.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The root message of a release's thread: the build and the pipeline line, updated in place. */
public final class ReleaseMessage {
  private ReleaseMessage() {}

  public static Rendered build(ReleaseCard card) {
    Release r = card.release();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        header(h -> h.text(plainText(Text.clip("📦 " + r.app() + " " + r.tag(), Text.HEADER)))));
    String line = pipelineLine(card);
    blocks.add(section(s -> s.text(markdownText(Text.clip(line, Text.SECTION)))));
    blocks.add(section(s -> s.text(markdownText(build(r)))));
    blocks.add(
        context(
            c ->
                c.elements(
                    List.of(
                        markdownText(
                            "✅ runs now · ☑️ ran before · ⏳ on its way · 🕐 awaiting approval"
                                + " · ❌ failed · ⛔ stopped")))));
    return new Rendered(
        r.app() + " " + r.tag() + ": " + line.replace("*", ""), List.copyOf(blocks));
  }

  /** {@code TEST ✅ · SANDBOX ⏳ · PROD —} */
  public static String pipelineLine(ReleaseCard card) {
    List<String> parts = new ArrayList<>();
    for (ReleaseCard.Mark m : card.marks()) {
      parts.add("*" + Text.escape(m.env().toUpperCase(Locale.ROOT)) + "* " + m.status().symbol());
    }
    return String.join(" · ", parts);
  }

  private static String build(Release r) {
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder();
    head.append("*Commit* ").append(Text.code(r.commit() == null ? "?" : r.commit()));
    if (r.buildUrl() != null && r.buildUrl().matches("https?://\\S+")) {
      head.append(" · <").append(r.buildUrl().replace("|", "%7C")).append("|build>");
    }
    head.append(" · registered ")
        .append(Text.date(r.registeredAt()))
        .append(r.registeredBy() == null ? "" : " by " + Text.escape(r.registeredBy()));
    lines.add(head.toString());
    r.digests().forEach((w, d) -> lines.add(Text.code(w) + " " + Text.code(d)));
    return Text.lines(lines, Text.SECTION);
  }
}
