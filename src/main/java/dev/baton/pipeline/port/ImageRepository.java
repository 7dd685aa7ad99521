package dev.baton.pipeline.port;

/** An image repository in one configured registry. */
public record ImageRepository(String registry, String repository) {
  @Override
  public String toString() {
    return registry + ":" + repository;
  }
}
