package dev.baton.gitops;

import dev.baton.config.AppProperties;
import dev.baton.config.EnvironmentProperties;
import dev.baton.config.EnvironmentProperties.GitProperties;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.port.ManifestRepository;
import dev.baton.pipeline.port.PortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * {@link ManifestRepository} on JGit: every write clones the branch afresh (shallow), edits the
 * image lines, commits once and pushes; a push overtaken by another commit is redone on a new
 * clone, up to {@code push-retries} times. Reading what the branch holds costs one ls-remote while
 * the head has not moved. No shelling out to {@code git}.
 */
public final class JGitManifestRepository implements ManifestRepository {
  private final Map<String, EnvironmentProperties> envs;
  private final Map<String, AppProperties> apps;
  private final Path workRoot;

  /** What each branch head read holds: environment, app and commit id → images. Bounded. */
  private final Map<String, Head> heads =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
              return size() > HEADS_KEPT;
            }
          });

  private static final int HEADS_KEPT = 512;

  /** Runs after the commit, before the push: tests make another committer win the race here. */
  volatile Runnable beforePush = () -> {};

  public JGitManifestRepository(
      Map<String, EnvironmentProperties> envs, Map<String, AppProperties> apps, Path workRoot) {
    this.envs = Map.copyOf(envs);
    this.apps = Map.copyOf(apps);
    this.workRoot = workRoot;
  }

  @Override
  public Pushed write(EnvironmentDefinition env, AppDefinition app, GitChange change) {
    GitProperties git = settings(env);
    GitAccess access = new GitAccess(git);
    DigestFiles files = files(env, app);
    List<ImageSpec> specs = ImageSpecs.of(apps.get(app.name()), app, change.digests());
    for (int attempt = 0; ; attempt++) {
      Path dir = tempDir();
      try (Git repo = access.cloneBranch(dir)) {
        Map<String, String> changed = files.edit(new WorkTree(dir), specs);
        if (changed.isEmpty()) {
          return new Pushed(repo.getRepository().resolve("HEAD").name(), false);
        }
        for (var e : changed.entrySet()) {
          Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
          repo.add().addFilepattern(e.getKey()).call();
        }
        PersonIdent who = new PersonIdent(git.author().name(), git.author().email());
        RevCommit commit =
            repo.commit().setMessage(change.message()).setAuthor(who).setCommitter(who).call();
        beforePush.run();
        if (pushed(access, repo, git, env)) {
          return new Pushed(commit.name(), true);
        }
        if (attempt >= git.pushRetries()) {
          throw PortException.retryable(
              "the push to "
                  + git.url()
                  + " was overtaken by other commits "
                  + (attempt + 1)
                  + " times; trying again later");
        }
      } catch (EditRefused e) {
        throw PortException.terminal(
            e.getMessage() + " (in " + git.url() + " " + git.branch() + ")");
      } catch (GitAPIException e) {
        throw GitErrors.translate(git.url(), e);
      } catch (IOException e) {
        throw new PortException("Git work files: " + e.getMessage(), true, e);
      } finally {
        delete(dir);
      }
    }
  }

  /** True when pushed; false when overtaken (non-fast-forward); throws when refused. */
  private static boolean pushed(
      GitAccess access, Git repo, GitProperties git, EnvironmentDefinition env)
      throws GitAPIException {
    for (PushResult result : access.push(repo)) {
      for (RemoteRefUpdate u : result.getRemoteUpdates()) {
        switch (u.getStatus()) {
          case OK, UP_TO_DATE -> {}
          case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
            return false;
          }
          default ->
              throw PortException.terminal(
                  "branch protected: "
                      + git.url()
                      + " refused the push to "
                      + git.branch()
                      + ": "
                      + GitErrors.hookText(u, result));
        }
      }
    }
    return true;
  }

  @Override
  public Map<String, String> held(EnvironmentDefinition env, AppDefinition app) {
    return head(env, app).images();
  }

  /**
   * One ls-remote for the head's commit id; a clone only when that commit has not been read before
   * (a commit's content never changes, so what it holds is kept per commit id).
   */
  @Override
  public Head head(EnvironmentDefinition env, AppDefinition app) {
    GitProperties git = settings(env);
    GitAccess access = new GitAccess(git);
    String commit;
    try {
      commit = access.headOf();
    } catch (GitAPIException e) {
      throw GitErrors.translate(git.url(), e);
    }
    if (commit == null) {
      throw PortException.terminal("branch " + git.branch() + " not found in " + git.url());
    }
    Head known = heads.get(key(env, app, commit));
    return known != null ? known : cloneAndRead(env, app, git, access);
  }

  private Head cloneAndRead(
      EnvironmentDefinition env, AppDefinition app, GitProperties git, GitAccess access) {
    Path dir = tempDir();
    try (Git repo = access.cloneBranch(dir)) {
      List<ImageSpec> specs = ImageSpecs.of(apps.get(app.name()), app, Map.of());
      String commit = repo.getRepository().resolve("HEAD").name();
      Head head = new Head(commit, files(env, app).held(new WorkTree(dir), specs));
      heads.put(key(env, app, commit), head); // keyed by what was cloned: the head may have moved
      return head;
    } catch (EditRefused e) {
      throw PortException.terminal(e.getMessage() + " (in " + git.url() + " " + git.branch() + ")");
    } catch (GitAPIException e) {
      throw GitErrors.translate(git.url(), e);
    } catch (IOException e) {
      throw new PortException("Git work files: " + e.getMessage(), true, e);
    } finally {
      delete(dir);
    }
  }

  private static String key(EnvironmentDefinition env, AppDefinition app, String commit) {
    return env.name() + " " + app.name() + " " + commit;
  }

  private GitProperties settings(EnvironmentDefinition env) {
    EnvironmentProperties e = envs.get(env.name());
    if (e == null || !e.gitops()) {
      throw PortException.terminal("environment " + env.name() + " has no git settings");
    }
    return e.git();
  }

  private DigestFiles files(EnvironmentDefinition env, AppDefinition app) {
    return new DigestFiles(GitFormat.of(settings(env).format()), env.git().pathOf(app.name()));
  }

  private Path tempDir() {
    try {
      Files.createDirectories(workRoot);
      return Files.createTempDirectory(workRoot, "clone-");
    } catch (IOException e) {
      throw new PortException("cannot create a Git work folder: " + e.getMessage(), true, e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a left-over temporary clone holds no secret and is overwritten by nothing
    }
  }
}
