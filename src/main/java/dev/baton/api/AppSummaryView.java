package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An app and the release each environment runs, for listings. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AppSummaryView(String app, List<Link> environments) {

  /** What one environment runs; {@code release} is null when nothing was ever deployed there. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Link(String env, @Nullable String release, @Nullable String since) {}
}
