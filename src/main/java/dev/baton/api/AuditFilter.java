package dev.baton.api;

import dev.baton.pipeline.port.AuditQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The query parameters of {@code GET /api/v1/audit}, checked: a parameter that does not parse is a
 * 400 that names it, never a silently ignored filter.
 */
record AuditFilter(
    String app,
    String env,
    String release,
    String actor,
    Instant from,
    Instant to,
    Long before,
    int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static AuditFilter parse(
      String app,
      String env,
      String release,
      String actor,
      String from,
      String to,
      String before,
      String limit) {
    AuditFilter f =
        new AuditFilter(
            blankToNull(app),
            blankToNull(env),
            blankToNull(release),
            blankToNull(actor),
            instant("from", from),
            instant("to", to),
            before(before),
            limit(limit));
    if (f.from != null && f.to != null && f.from.isAfter(f.to)) {
      throw ProblemException.badRequest("from must not be after to");
    }
    return f;
  }

  /** One more row than the page holds, to learn whether another page follows. */
  AuditQuery probe() {
    return new AuditQuery(app, env, release, actor, from, to, before, limit + 1);
  }

  /** The path and query of the page after one that ended at {@code lastSeq}. */
  String nextPage(String path, long lastSeq, String format) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("app", app);
    q.put("env", env);
    q.put("release", release);
    q.put("actor", actor);
    q.put("from", from == null ? null : from.toString());
    q.put("to", to == null ? null : to.toString());
    q.put("limit", Integer.toString(limit));
    q.put("before", Long.toString(lastSeq));
    q.put("format", format);
    StringJoiner query = new StringJoiner("&", path + "?", "");
    q.forEach(
        (k, v) -> {
          if (v != null) {
            query.add(k + "=" + UriText.segment(v));
          }
        });
    return query.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Instant instant(String name, String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          name
              + " must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, not \""
              + value
              + "\"");
    }
  }

  private static Long before(String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    long seq = number("before", value);
    if (seq < 1) {
      throw ProblemException.badRequest("before must be a positive sequence number");
    }
    return seq;
  }

  private static int limit(String value) {
    if (blankToNull(value) == null) {
      return DEFAULT_LIMIT;
    }
    long n = number("limit", value);
    if (n < 1 || n > MAX_LIMIT) {
      throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return (int) n;
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name + " must be a whole number, not \"" + value + "\"");
    }
  }
}
