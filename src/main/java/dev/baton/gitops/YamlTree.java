package dev.baton.gitops;

import dev.baton.gitops.YamlLines.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds block-style mappings and sequences in {@link YamlLines} by indentation, and changes single
 * lines of them. Ranges are line indexes [from, to).
 */
final class YamlTree {
  private final YamlLines y;
  private final String file;

  YamlTree(YamlLines y, String file) {
    this.y = y;
    this.file = file;
  }

  Line line(int i) {
    return y.lines.get(i);
  }

  /** The column of the mapping that fills [from, to): the smallest indentation in it. */
  int column(int from, int to) {
    int col = Integer.MAX_VALUE;
    for (int i = from; i < to; i++) {
      if (line(i).significant()) {
        col = Math.min(col, line(i).dash() ? line(i).indent() : line(i).keyCol());
      }
    }
    return col;
  }

  /** The line of {@code key} in the mapping at {@code col} in [from, to), or -1. */
  int find(int from, int to, int col, String key) {
    for (int i = from; i < to; i++) {
      Line l = line(i);
      boolean atCol = l.keyCol() == col && (!l.dash() || i == from || l.indent() < col);
      if (l.significant() && atCol && key.equals(l.key())) {
        return i;
      }
    }
    return -1;
  }

  /** The line after the last one of the block that the key on line {@code i} opens. */
  int end(int i, int to) {
    Line key = line(i);
    boolean empty = key.value().isEmpty();
    for (int j = i + 1; j < to; j++) {
      Line l = line(j);
      if (!l.significant()) {
        continue;
      }
      if (l.indent() < key.keyCol() || (l.indent() == key.keyCol() && (!l.dash() || !empty))) {
        return j;
      }
    }
    return to;
  }

  /** The items [from, to) of the block sequence that fills [from, to). */
  List<int[]> items(int from, int to, String what) {
    int dashIndent = -1;
    List<Integer> starts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Line l = line(i);
      if (!l.significant()) {
        continue;
      }
      if (dashIndent < 0) {
        if (!l.dash()) {
          throw refused(what + " is not a block list (- …)");
        }
        dashIndent = l.indent();
      }
      if (l.dash() && l.indent() == dashIndent) {
        starts.add(i);
      }
    }
    List<int[]> items = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      items.add(new int[] {starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : to});
    }
    return items;
  }

  /** The scalar on line {@code i}, unquoted; refuses a value Baton would not rewrite in place. */
  String scalar(int i, String what) {
    String v = line(i).value();
    if (v.isEmpty() || "[{|>&*!".indexOf(v.charAt(0)) >= 0) {
      throw refused(
          what
              + " is not a plain or quoted single-line value (flow style, block scalars, anchors and"
              + " tags are not edited)");
    }
    return YamlLines.unquote(v);
  }

  /** Replaces the scalar on line {@code i}, keeping its quotes, comment and spacing. */
  void setScalar(int i, String value, String what) {
    scalar(i, what);
    Line l = line(i);
    String old = l.value();
    char q = old.charAt(0);
    String written = q == '"' || q == '\'' ? q + value + q : value;
    replace(i, l.text().substring(0, l.valueStart()) + written + l.text().substring(l.valueEnd()));
  }

  void replace(int i, String text) {
    y.lines.set(i, YamlLines.line(text, line(i).eol()));
  }

  /** Adds {@code text} as a new line after line {@code i}, with that line's line ending. */
  void insertAfter(int i, String text) {
    String eol = line(i).eol().isEmpty() ? eolOfFile() : line(i).eol();
    if (line(i).eol().isEmpty()) {
      y.lines.set(i, YamlLines.line(line(i).text(), eol));
      eol = "";
    }
    y.lines.add(i + 1, YamlLines.line(text, eol));
  }

  void remove(int i) {
    y.lines.remove(i);
  }

  /** The last significant line in [from, to). */
  int last(int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (line(i).significant()) {
        return i;
      }
    }
    return from;
  }

  List<int[]> documents() {
    return y.documents();
  }

  int size() {
    return y.lines.size();
  }

  String render() {
    return y.render();
  }

  EditRefused refused(String what) {
    return new EditRefused(file + ": " + what);
  }

  private String eolOfFile() {
    return y.lines.stream().anyMatch(l -> l.eol().equals("\r\n")) ? "\r\n" : "\n";
  }
}
