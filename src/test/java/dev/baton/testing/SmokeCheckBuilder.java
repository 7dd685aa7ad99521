package dev.baton.testing;

import dev.baton.pipeline.model.SmokeCheck;
import java.time.Duration;

/**
 * credreg's {@link SmokeCheck}: {@code http://127.0.0.1/health} in prod answers 200 with the
 * release in {@code revision}, retried for a minute.
 */
public final class SmokeCheckBuilder {
  private String env = "prod";
  private String url = "http://127.0.0.1/health";
  private int expectedStatus = 200;
  private String revisionField = "revision";
  private Duration deadline = Duration.ofMinutes(1);

  SmokeCheckBuilder() {}

  public SmokeCheckBuilder in(String value) {
    env = value;
    return this;
  }

  public SmokeCheckBuilder url(String value) {
    url = value;
    return this;
  }

  public SmokeCheckBuilder expecting(int status) {
    expectedStatus = status;
    return this;
  }

  /** The JSON field that must name the release; null to check the status only. */
  public SmokeCheckBuilder revisionField(String value) {
    revisionField = value;
    return this;
  }

  public SmokeCheckBuilder deadline(Duration value) {
    deadline = value;
    return this;
  }

  public SmokeCheck build() {
    return new SmokeCheck(env, url, expectedStatus, revisionField, deadline);
  }
}
