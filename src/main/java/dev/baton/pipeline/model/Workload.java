package dev.baton.pipeline.model;

/** One Deployment + container + image repository of an app. */
public record Workload(String name, String deployment, String container, String repository) {
  /** The image reference Baton deploys: {@code repository@sha256:…}. */
  public String imageAt(String digest) {
    return repository + "@" + digest;
  }
}
