package dev.baton.slack.blocks;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.baton.pipeline.model.AuditEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact page of the audit log for the channel: one line per event, newest first. People are
 * shown by their IDs, not as mentions, so that reading the log does not notify everyone in it.
 */
public final class AuditMessage {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private AuditMessage() {}

  /**
   * @param filters how the events were chosen, for the first line ({@code env prod, since 24h})
   * @param more true when older events match too
   * @param apiPath the API path that returns every matching event
   */
  public static Rendered build(
      List<AuditEvent> events, String filters, boolean more, String apiPath) {
    List<String> lines = new ArrayList<>();
    for (AuditEvent e : events) {
      lines.add(line(e));
    }
    String head =
        "*Audit log*"
            + (filters.isBlank() ? "" : " — " + Text.escape(filters))
            + " — "
            + (events.isEmpty() ? "nothing matches" : events.size() + " newest first, times UTC");
    List<LayoutBlock> blocks = new ArrayList<>();
    String body = Text.lines(lines, Text.SECTION - head.length() - 1);
    blocks.add(
        section(
            s ->
                s.text(
                    markdownText(
                        Text.clip(head + (events.isEmpty() ? "" : "\n" + body), Text.SECTION)))));
    if (more) {
      blocks.add(
          context(
              c ->
                  c.elements(
                      List.of(
                          markdownText(
                              Text.clip(
                                  "Older events match too. All of them: `GET "
                                      + Text.escape(apiPath)
                                      + "` with the read token (see docs/api.md), or narrow"
                                      + " the query with app, env, tag, user or `--since`.",
                                  Text.SECTION))))));
    }
    return new Rendered("Audit log: " + events.size() + " events", blocks);
  }

  static String line(AuditEvent e) {
    StringBuilder b = new StringBuilder();
    b.append('`').append(TIME.format(e.at())).append("` ");
    b.append(Text.code(e.actor() == null ? "-" : e.actor())).append(' ');
    b.append('*').append(Text.escape(e.action())).append('*');
    if (e.app() != null) {
      b.append(' ').append(Text.escape(e.app()));
    }
    if (e.releaseTag() != null) {
      b.append(' ').append(Text.code(e.releaseTag()));
    }
    if (e.env() != null) {
      b.append(" → ").append(Text.escape(e.env()));
    }
    if (e.detail() != null && !e.detail().isBlank()) {
      b.append(" — ").append(Text.escape(Text.clip(e.detail(), 120)));
    }
    return b.toString();
  }
}
