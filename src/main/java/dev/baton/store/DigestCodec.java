package dev.baton.store;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Digest maps as canonical text: one {@code workload=sha256:...} line per workload, sorted by
 * workload, joined by {@code '\n'}. Round-trips exactly; refuses names and values it could not.
 */
final class DigestCodec {
  private DigestCodec() {}

  static String encode(Map<String, String> digests) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(digests).entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("workload name cannot be stored: '" + key + "'");
      }
      if (value == null || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("digest of " + key + " cannot be stored");
      }
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(key).append('=').append(value);
    }
    return b.toString();
  }

  static SortedMap<String, String> decode(String text) {
    SortedMap<String, String> digests = new TreeMap<>();
    if (text == null || text.isEmpty()) {
      return digests;
    }
    for (String line : text.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalStateException("malformed digest line: '" + line + "'");
      }
      digests.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return digests;
  }
}
