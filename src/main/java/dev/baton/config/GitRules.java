package dev.baton.config;

import dev.baton.config.AppProperties.WorkloadProperties;
import dev.baton.config.EnvironmentProperties.GitProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Checks each environment's target and, for {@code gitops}, its {@code git} block. */
final class GitRules {
  private static final Set<String> TARGETS =
      Set.of(EnvironmentProperties.KUBERNETES, EnvironmentProperties.GITOPS);
  private static final Set<String> FORMATS =
      Set.of(GitProperties.KUSTOMIZE, GitProperties.HELM_VALUES, GitProperties.MANIFESTS);

  private GitRules() {}

  static void check(EnvironmentProperties env, Problems problems) {
    String k = env.key() + ".";
    if (!TARGETS.contains(env.target())) {
      problems.add(k + "target", "'" + env.target() + "' is not kubernetes or gitops");
      return;
    }
    GitProperties git = env.git();
    if (!env.gitops()) {
      if (git != null && git.url() != null) {
        problems.add(k + "git", "is set but target is kubernetes; set target: gitops to use it");
      }
      return;
    }
    if (git == null) {
      problems.add(k + "git.url", "is required with target: gitops");
      return;
    }
    checkGit(k + "git.", git, problems);
  }

  private static void checkGit(String k, GitProperties git, Problems problems) {
    String scheme = scheme(git.url());
    if (git.url() == null) {
      problems.add(k + "url", "is required with target: gitops");
    } else if (!Set.of("https", "http", "ssh", "file").contains(scheme)) {
      problems.add(k + "url", "'" + git.url() + "' is not an https:// or ssh:// URL");
    }
    if (git.path() == null) {
      problems.add(k + "path", "is required: the folder of the app's files, e.g. apps/{app}/prod");
    } else if (git.path().startsWith("/") || List.of(git.path().split("/")).contains("..")) {
      problems.add(k + "path", "'" + git.path() + "' must be relative inside the repository");
    }
    if (!FORMATS.contains(git.format())) {
      problems.add(
          k + "format", "'" + git.format() + "' is not kustomize, helm-values or manifests");
    }
    if (git.syncTimeout().isNegative() || git.syncTimeout().isZero()) {
      problems.add(k + "sync-timeout", "must be positive (is " + git.syncTimeout() + ")");
    }
    if (git.pushRetries() < 0) {
      problems.add(k + "push-retries", "is " + git.pushRetries() + " but must be 0 or more");
    }
    if ("ssh".equals(scheme)) {
      file(k + "auth.ssh-key", git.auth().sshKey(), "the private key for ssh://", problems);
      file(k + "auth.known-hosts", git.auth().knownHosts(), "the server's host keys", problems);
    }
    if (git.branch().contains(" ") || git.branch().startsWith("-")) {
      problems.add(k + "branch", "'" + git.branch() + "' is not a branch name");
    }
  }

  private static void file(String key, String path, String what, Problems problems) {
    if (path == null) {
      problems.add(key, "is required with an ssh:// URL: " + what);
    } else if (!Files.isReadable(Path.of(path))) {
      problems.add(key, "'" + path + "' is not a readable file");
    }
  }

  private static String scheme(String url) {
    if (url == null) {
      return "";
    }
    try {
      String s = new URI(url).getScheme();
      return s == null ? "" : s;
    } catch (URISyntaxException e) {
      return "";
    }
  }

  /** Each workload names where it is written, in the format of every gitops environment. */
  static void checkApps(
      List<EnvironmentProperties> chain, List<AppProperties> apps, Problems problems) {
    boolean helm =
        chain.stream()
            .anyMatch(
                e ->
                    e.gitops()
                        && e.git() != null
                        && GitProperties.HELM_VALUES.equals(e.git().format()));
    if (!helm) {
      return;
    }
    for (AppProperties app : apps) {
      for (WorkloadProperties w : app.workloads()) {
        String p = w.helmValuesPath();
        String key = app.key() + ".workloads." + w.name() + ".helm-values-path";
        if (p == null) {
          problems.add(
              key, "is required: an environment writes helm-values, e.g. " + w.name() + ".image");
        } else if (!p.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
          problems.add(key, "'" + p + "' is not a dotted YAML path such as web.image");
        }
      }
    }
  }
}
