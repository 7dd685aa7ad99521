package dev.baton.registry.oci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate} challenge: {@code Basic realm="…"} or {@code Bearer
 * realm="https://auth.example/token",service="registry.example",scope="repository:x:pull"}.
 *
 * @param scheme {@code basic} or {@code bearer} (lower case)
 * @param params the auth-params, names in lower case, values unquoted
 */
record AuthChallenge(String scheme, Map<String, String> params) {
  static final String BASIC = "basic";
  static final String BEARER = "bearer";

  /** The challenge Baton answers among the headers: Bearer when offered, else Basic. */
  static Optional<AuthChallenge> choose(List<String> headers) {
    Optional<AuthChallenge> basic = Optional.empty();
    for (String header : headers) {
      Optional<AuthChallenge> c = parse(header);
      if (c.isPresent() && c.get().scheme().equals(BEARER)) {
        return c;
      }
      if (c.isPresent() && c.get().scheme().equals(BASIC)) {
        basic = c;
      }
    }
    return basic;
  }

  /** Parses one header value; empty when it is not a challenge Baton understands. */
  static Optional<AuthChallenge> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (!scheme.equals(BASIC) && !scheme.equals(BEARER)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      int j = eq + 1;
      if (j < text.length() && text.charAt(j) == '"') {
        for (j++; j < text.length() && text.charAt(j) != '"'; j++) {
          if (text.charAt(j) == '\\' && j + 1 < text.length()) {
            j++;
          }
          value.append(text.charAt(j));
        }
        j++; // the closing quote
      } else {
        for (; j < text.length() && text.charAt(j) != ','; j++) {
          value.append(text.charAt(j));
        }
      }
      params.put(name, value.toString().strip());
      int comma = text.indexOf(',', j);
      i = comma < 0 ? text.length() : comma + 1;
    }
    return Optional.of(new AuthChallenge(scheme, Map.copyOf(params)));
  }

  String param(String name) {
    return params.get(name);
  }
}
