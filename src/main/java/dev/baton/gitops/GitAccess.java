package dev.baton.gitops;

import dev.baton.config.EnvironmentProperties.GitProperties;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/** Clone and push with the environment's credentials: a token over HTTPS, a key over SSH. */
final class GitAccess {
  /**
   * Boards and requests read the branch head: a server that stops answering must not hold them for
   * long. Clones and pushes keep JGit's defaults.
   */
  static final int LS_REMOTE_TIMEOUT_SECONDS = 10;

  private final GitProperties git;

  GitAccess(GitProperties git) {
    this.git = git;
  }

  Git cloneBranch(Path dir) throws GitAPIException {
    return authenticated(
            Git.cloneRepository()
                .setURI(git.url())
                .setBranch(git.branch())
                .setBranchesToClone(List.of("refs/heads/" + git.branch()))
                .setDepth(1)
                .setDirectory(dir.toFile()))
        .call();
  }

  /**
   * The commit id at the head of the branch, read with one ls-remote (no objects fetched); null
   * when the branch does not exist.
   */
  String headOf() throws GitAPIException {
    String ref = "refs/heads/" + git.branch();
    for (Ref r :
        authenticated(
                Git.lsRemoteRepository()
                    .setRemote(git.url())
                    .setHeads(true)
                    .setTimeout(LS_REMOTE_TIMEOUT_SECONDS))
            .call()) {
      if (r.getName().equals(ref) && r.getObjectId() != null) {
        return r.getObjectId().name();
      }
    }
    return null;
  }

  Iterable<PushResult> push(Git repo) throws GitAPIException {
    return authenticated(repo.push().setRemote("origin").add(git.branch())).call();
  }

  private <C extends TransportCommand<C, ?>> C authenticated(C command) {
    if (git.auth().token() != null) {
      command.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider("x-access-token", git.auth().token()));
    }
    if (git.auth().sshKey() != null) {
      SshdSessionFactory ssh = sshFactory();
      command.setTransportConfigCallback(
          t -> {
            if (t instanceof SshTransport s) {
              s.setSshSessionFactory(ssh);
            }
          });
    }
    return command;
  }

  private SshdSessionFactory sshFactory() {
    File key = new File(git.auth().sshKey());
    File knownHosts = new File(git.auth().knownHosts());
    File home = key.getAbsoluteFile().getParentFile();
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(home)
        .setDefaultIdentities(f -> List.of(key.toPath()))
        .setDefaultKnownHostsFiles(f -> List.of(knownHosts.toPath()))
        .build(null);
  }
}
