package dev.baton.pipeline.model;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * An app's source repository, for the commit range an approval request shows.
 *
 * @param url e.g. {@code https://github.com/org/credreg}, without a trailing slash
 * @param compare a compare-link template with {@code {url}}, {@code {from}} and {@code {to}}; null
 *     derives GitHub's, GitLab's or Bitbucket's form from the host, and no link on other hosts
 */
public record SourceRepository(String url, String compare) {
  public static final String GITHUB = "{url}/compare/{from}...{to}";
  public static final String GITLAB = "{url}/-/compare/{from}...{to}";
  public static final String BITBUCKET = "{url}/branches/compare/{to}%0D{from}";

  public SourceRepository {
    url = url.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    compare = compare == null || compare.isBlank() ? null : compare.strip();
  }

  /** The template in force: the configured one, else the one of a known host. */
  public Optional<String> template() {
    if (compare != null) {
      return Optional.of(compare);
    }
    String host = host();
    if (host.equals("github.com") || host.startsWith("github.")) {
      return Optional.of(GITHUB);
    }
    if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
      return Optional.of(GITLAB);
    }
    if (host.equals("bitbucket.org")) {
      return Optional.of(BITBUCKET);
    }
    return Optional.empty();
  }

  /** The link comparing commit {@code from} (what runs) with {@code to} (what ships), if any. */
  public Optional<String> compareLink(String from, String to) {
    return template().map(t -> t.replace("{url}", url).replace("{from}", from).replace("{to}", to));
  }

  private String host() {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "" : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
