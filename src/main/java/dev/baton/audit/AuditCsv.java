package dev.baton.audit;

import dev.baton.pipeline.model.AuditEvent;
import java.util.Arrays;
import java.util.List;

/**
 * Writes audit events as RFC 4180 CSV: CRLF line ends, a header row, and any field holding a comma,
 * a double quote, CR or LF enclosed in double quotes with inner quotes doubled. Null fields are
 * empty. Values are written exactly as stored, so the hashes of an export can be re-verified;
 * spreadsheet users should import rather than open the file if details may begin with {@code =}.
 */
public final class AuditCsv {
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  public static final List<String> HEADER =
      List.of(
          "seq",
          "at",
          "actor",
          "action",
          "app",
          "env",
          "release",
          "promotion",
          "detail",
          "prev_hash",
          "hash");
  private static final String CRLF = "\r\n";

  private AuditCsv() {}

  public static String write(List<AuditEvent> events) {
    StringBuilder out = new StringBuilder(128 * (events.size() + 1));
    row(out, HEADER);
    for (AuditEvent e : events) {
      row(
          out,
          Arrays.asList(
              Long.toString(e.seq()),
              e.at() == null ? null : e.at().toString(),
              e.actor(),
              e.action(),
              e.app(),
              e.env(),
              e.releaseTag(),
              e.promotionId(),
              e.detail(),
              e.prevHash(),
              e.hash()));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      field(out, fields.get(i));
    }
    out.append(CRLF);
  }

  /** One field, quoted only when it must be. */
  static void field(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\r') >= 0
            || value.indexOf('\n') >= 0;
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
