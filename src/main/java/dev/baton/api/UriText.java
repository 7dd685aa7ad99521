package dev.baton.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of values placed in the paths and queries of links the API hands out. */
final class UriText {
  private UriText() {}

  /**
   * Encodes a value for a path segment or a query value ({@code %20} for spaces, not {@code +}).
   */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
