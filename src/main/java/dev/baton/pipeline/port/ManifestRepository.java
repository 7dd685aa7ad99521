package dev.baton.pipeline.port;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import java.util.Map;

/**
 * The Git repository a GitOps environment is applied from ({@link EnvironmentDefinition#git()}).
 * Errors are {@link PortException}s: authentication refused, a protected branch and a missing image
 * entry are terminal; an unreachable server is retryable.
 */
public interface ManifestRepository {
  /**
   * Writes every workload's image of {@code change} into the app's files of the environment, in one
   * commit on a fresh fetch of the branch, and pushes it; a push overtaken by another commit is
   * redone on the new head. Idempotent: when the branch already holds exactly these images, nothing
   * is committed (a crash between push and record is resumed without a second commit).
   *
   * @return the commit that holds the images, and whether this call made it
   */
  Pushed write(EnvironmentDefinition env, AppDefinition app, GitChange change);

  /** What the head of the branch names for each workload (workload → image reference). */
  Map<String, String> held(EnvironmentDefinition env, AppDefinition app);

  /**
   * The head of the branch: its commit id and what it names for each workload. Reading an unchanged
   * head again should be cheap (an adapter may cache what a commit holds: a commit never changes).
   * An adapter that cannot say which commit it read leaves {@link Head#commit} null.
   */
  default Head head(EnvironmentDefinition env, AppDefinition app) {
    return new Head(null, held(env, app));
  }

  /**
   * A branch head.
   *
   * @param commit the commit id, or null when unknown
   * @param images workload → image reference as written in the files
   */
  record Head(String commit, Map<String, String> images) {
    public Head {
      images = Map.copyOf(images);
    }
  }

  /**
   * One commit's content.
   *
   * @param digests workload → {@code sha256:…}
   * @param message the whole commit message, trailers included; never a secret
   */
  record GitChange(
      String promotionId, String releaseTag, Map<String, String> digests, String message) {
    public GitChange {
      digests = Map.copyOf(digests);
    }
  }

  /** The commit holding the images; {@code created} is false when the branch already held them. */
  record Pushed(String commit, boolean created) {}

  /** For wirings without any GitOps environment. */
  ManifestRepository NONE =
      new ManifestRepository() {
        @Override
        public Pushed write(EnvironmentDefinition env, AppDefinition app, GitChange change) {
          throw PortException.terminal("no Git repository is wired for environment " + env.name());
        }

        @Override
        public Map<String, String> held(EnvironmentDefinition env, AppDefinition app) {
          throw PortException.terminal("no Git repository is wired for environment " + env.name());
        }
      };
}
