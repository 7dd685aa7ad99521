package dev.baton.registry.oci;

import dev.baton.registry.RegistryFailure;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * Turns an unexpected answer of the manifest API into a {@link RegistryFailure}: the status, the
 * registry's error code and message ({@code {"errors":[{"code","message"}]}}), and what a person
 * should do about it. Whether it is retried is not decided here.
 */
final class ManifestErrors {
  private final OciSettings settings;
  private final JsonMapper json;
  private final Supplier<String> authAdvice;

  ManifestErrors(OciSettings settings, JsonMapper json, Supplier<String> authAdvice) {
    this.settings = settings;
    this.json = json;
    this.authAdvice = authAdvice;
  }

  /**
   * @param reference the tag or digest the request was about
   * @param push whether the request wrote (PUT) or read
   */
  RegistryFailure of(HttpResponse<byte[]> r, String path, String reference, boolean push) {
    int status = r.statusCode();
    String[] error = firstError(r.body());
    String code = error[0];
    String text =
        "HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (error[1].isEmpty() ? "" : " (" + error[1] + ")");
    return RegistryFailure.http(text, status, code, advice(status, code, path, reference, push))
        .withRetryAfter(r.headers().firstValue("Retry-After").orElse(null));
  }

  private String advice(int status, String code, String path, String reference, boolean push) {
    String registry = "registry " + settings.name();
    if (status == 401) {
      return authAdvice.get();
    }
    if (status == 403 || code.equals("DENIED")) {
      return (settings.username() == null
              ? "Baton's credentials"
              : "user '" + settings.username() + "'")
          + " may not "
          + (push ? "push tags to " : "pull ")
          + path
          + " in "
          + registry
          + ": grant "
          + (push ? "push" : "pull")
          + " access on that repository";
    }
    if (code.equals("NAME_UNKNOWN")) {
      return "the repository "
          + path
          + " does not exist in "
          + registry
          + ": check the workload's repository and the app's registry";
    }
    if (status == 404) {
      // docker-registry answers MANIFEST_UNKNOWN for a missing repository too
      return path
          + "@"
          + reference
          + " is not in "
          + registry
          + ": push the image first, or check the digest CI registered and the workload's"
          + " repository";
    }
    if (status == 405 || code.equals("UNSUPPORTED")) {
      return registry
          + " does not accept "
          + (push ? "tag pushes (a read-only registry or a pull-through cache?)" : "this request");
    }
    if (push
        && (code.startsWith("MANIFEST_")
            || code.equals("TAG_INVALID")
            || code.startsWith("BLOB_"))) {
      return registry + " refused the manifest Baton copied unchanged; check the registry's logs";
    }
    return null;
  }

  /** {code, message} of the first error in the body; empty strings when there is none. */
  private String[] firstError(byte[] body) {
    if (body == null || body.length == 0) {
      return new String[] {"", ""};
    }
    try {
      JsonNode errors = json.readValue(body, JsonNode.class).get("errors");
      JsonNode first =
          errors == null || !errors.isArray() || errors.size() == 0 ? null : errors.get(0);
      if (first == null) {
        return new String[] {"", ""};
      }
      return new String[] {text(first.get("code")), text(first.get("message"))};
    } catch (IOException | RuntimeException e) {
      return new String[] {"", ""}; // not JSON (a proxy's error page): the status says enough
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.getStringValue() : "";
  }
}
