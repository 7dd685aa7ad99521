package dev.baton.gitops;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML file as its lines, each with the byte-exact text and line ending it had, and just enough
 * structure (indentation, list dash, key, where the value sits) to find a block-style scalar and
 * change it in place. Nothing is re-serialised: an edit replaces one value, adds one line or drops
 * one line, and every other byte is written back as it was read (comments, quotes, CRLF, order).
 */
final class YamlLines {
  /**
   * One line.
   *
   * @param keyCol column of the key (after any list dashes); -1 for a blank or comment line
   * @param key the key, unquoted; null when the line holds no {@code key:}
   * @param valueStart column where the value starts (after the colon and spaces)
   * @param valueEnd column after the value (before a comment and trailing spaces)
   */
  record Line(
      String text,
      String eol,
      int indent,
      boolean dash,
      int keyCol,
      String key,
      int valueStart,
      int valueEnd) {
    boolean significant() {
      return keyCol >= 0;
    }

    String value() {
      return key == null ? "" : text.substring(valueStart, valueEnd);
    }

    boolean documentBreak() {
      return indent == 0 && (text.equals("---") || text.startsWith("--- ") || text.equals("..."));
    }
  }

  final List<Line> lines;

  private YamlLines(List<Line> lines) {
    this.lines = lines;
  }

  static YamlLines parse(String text) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      out.add(
          line(
              text.substring(start, contentEnd),
              text.substring(contentEnd, nl < 0 ? end : nl + 1)));
      start = nl < 0 ? text.length() : nl + 1;
    }
    return new YamlLines(out);
  }

  static Line line(String t, String eol) {
    int indent = 0;
    while (indent < t.length() && t.charAt(indent) == ' ') {
      indent++;
    }
    if (indent == t.length() || t.charAt(indent) == '#') {
      return new Line(t, eol, indent, false, -1, null, 0, 0);
    }
    int pos = indent;
    boolean dash = false;
    while (pos < t.length()
        && t.charAt(pos) == '-'
        && (pos + 1 == t.length() || t.charAt(pos + 1) == ' ')) {
      dash = true;
      pos++;
      while (pos < t.length() && t.charAt(pos) == ' ') {
        pos++;
      }
    }
    int colon = keyEnd(t, pos);
    if (colon < 0) {
      return new Line(t, eol, indent, dash, pos, null, pos, valueEnd(t, pos));
    }
    String key = unquote(t.substring(pos, colon).strip());
    int vs = colon + 1;
    while (vs < t.length() && t.charAt(vs) == ' ') {
      vs++;
    }
    return new Line(t, eol, indent, dash, pos, key, vs, Math.max(vs, valueEnd(t, vs)));
  }

  /** The colon ending a key at {@code pos}, or -1 (a scalar, a flow collection). */
  private static int keyEnd(String t, int pos) {
    if (pos >= t.length() || "[{".indexOf(t.charAt(pos)) >= 0) {
      return -1;
    }
    int i = pos;
    if (t.charAt(i) == '"' || t.charAt(i) == '\'') {
      int close = t.indexOf(t.charAt(i), i + 1);
      if (close < 0) {
        return -1;
      }
      i = close + 1;
    }
    for (; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) {
        return i;
      }
      if (ch == '#' && i > pos && t.charAt(i - 1) == ' ') {
        return -1;
      }
    }
    return -1;
  }

  /** The end of the value starting at {@code vs}: before a comment and trailing spaces. */
  private static int valueEnd(String t, int vs) {
    int end = t.length();
    char quote =
        vs < t.length() && (t.charAt(vs) == '"' || t.charAt(vs) == '\'') ? t.charAt(vs) : 0;
    int from = vs;
    if (quote != 0) {
      int close = t.indexOf(quote, vs + 1);
      from = close < 0 ? t.length() : close + 1;
    }
    for (int i = from; i < t.length(); i++) {
      if (t.charAt(i) == '#' && (i == vs || t.charAt(i - 1) == ' ' || t.charAt(i - 1) == '\t')) {
        end = i;
        break;
      }
    }
    while (end > vs && (t.charAt(end - 1) == ' ' || t.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }

  static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.endsWith(s.substring(0, 1))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    lines.forEach(l -> b.append(l.text()).append(l.eol()));
    return b.toString();
  }

  /** The ranges [from, to) of the documents of a multi-document file. */
  List<int[]> documents() {
    List<int[]> docs = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || lines.get(i).documentBreak()) {
        docs.add(new int[] {from, i});
        from = i + 1;
      }
    }
    return docs;
  }
}
