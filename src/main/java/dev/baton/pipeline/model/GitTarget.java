package dev.baton.pipeline.model;

import java.time.Duration;

/**
 * Where a GitOps environment's desired state lives: Baton commits the digests there and a GitOps
 * controller (Argo CD, Flux) applies them. Credentials stay in the adapter.
 *
 * @param url the repository, as people know it (no credentials)
 * @param path folder of the app's files; {@code {app}} stands for the app's name
 * @param syncTimeout how long the controller may take to make the cluster run a commit
 */
public record GitTarget(String url, String branch, String path, Duration syncTimeout) {
  /** The folder of {@code app}'s files in this environment. */
  public String pathOf(String app) {
    return path.replace("{app}", app);
  }

  /** "url branch path", for messages. */
  public String describe(String app) {
    return url + " " + branch + ":" + pathOf(app);
  }
}
