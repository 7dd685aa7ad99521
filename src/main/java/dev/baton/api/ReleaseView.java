package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.pipeline.model.Release;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** A release as the API shows it; instants are ISO-8601 strings. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReleaseView(
    String app,
    String tag,
    String commit,
    String buildUrl,
    Map<String, String> digests,
    String registeredAt,
    String registeredBy) {
  public static ReleaseView of(Release r) {
    return new ReleaseView(
        r.app(),
        r.tag(),
        r.commit(),
        r.buildUrl(),
        r.digests(),
        Instants.text(r.registeredAt()),
        r.registeredBy());
  }
}
