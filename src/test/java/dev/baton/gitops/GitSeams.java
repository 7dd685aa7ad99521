package dev.baton.gitops;

/** The seams of the JGit adapter, for tests in other packages. */
public final class GitSeams {
  private GitSeams() {}

  /** Runs {@code seam} after the commit, before the push (a crash there loses the commit). */
  public static JGitManifestRepository beforePush(JGitManifestRepository repo, Runnable seam) {
    repo.beforePush = seam;
    return repo;
  }
}
