package dev.baton.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.AppProperties;
import dev.baton.config.EnvironmentProperties;
import dev.baton.config.EnvironmentProperties.GitProperties;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.ManifestRepository.GitChange;
import dev.baton.pipeline.port.PortException;
import dev.baton.registry.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JGit adapter over SSH (JGit's Apache MINA client) against OpenSSH's sshd on loopback ({@code
 * scripts/test-services.sh start_git_ssh}), serving the same bare repos as the HTTP server: a push
 * with the key and known_hosts, an unknown host key refused, a wrong key refused, a push refused by
 * the server's pre-receive hook — and the private key in no message.
 */
class RealGitSshTest {
  static final String URL = TestServices.lookup("BATON_TEST_GIT_SSH_URL");
  static final String KEY = TestServices.lookup("BATON_TEST_GIT_SSH_KEY");
  static final String KNOWN_HOSTS = TestServices.lookup("BATON_TEST_GIT_KNOWN_HOSTS");
  static final String ROOT = TestServices.lookup("BATON_TEST_GIT_ROOT");
  static final String D1 = "sha256:" + "1".repeat(64);

  @TempDir Path tmp;
  Path bare;
  String url;
  ObjectId seed;
  AppDefinition app =
      new AppDefinition(
          "credreg",
          List.of(new Workload("web", "credreg-web", "app", "credreg/web")),
          "default",
          null,
          List.of(),
          null);
  EnvironmentDefinition env;

  @BeforeEach
  void aRepositoryOnTheServer() throws Exception {
    TestServices.assumeSet(URL, "BATON_TEST_GIT_SSH_URL");
    String name = "deploy-ssh-" + UUID.randomUUID() + ".git";
    bare = Path.of(ROOT, name);
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    url = URL + "/" + name;
    // seeded through the file system: the SSH route is what the tests below exercise
    Path dir = tmp.resolve("seed");
    try (Git g = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      Path k = dir.resolve("apps/credreg/prod/kustomization.yaml");
      Files.createDirectories(k.getParent());
      Files.writeString(k, "images:\n- name: credreg/web\n  newTag: v1\n", StandardCharsets.UTF_8);
      g.add().addFilepattern(".").call();
      seed = g.commit().setMessage("seed").setAuthor("seed", "seed@example.com").call();
      g.push()
          .setRemote(bare.toUri().toString())
          .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
          .call();
    }
    env =
        new EnvironmentDefinition("prod", null, null, "prod", (EnvironmentPolicy) null)
            .withGit(new GitTarget(url, "main", "apps/{app}/prod", Duration.ofMinutes(1)));
  }

  JGitManifestRepository repository(String key, String knownHosts) {
    GitProperties git =
        new GitProperties(
            url,
            "main",
            "apps/{app}/prod",
            "kustomize",
            null,
            new GitProperties.AuthProperties(null, key, knownHosts),
            null,
            1);
    return new JGitManifestRepository(
        Map.of(
            "prod", new EnvironmentProperties("prod", null, null, null, null, "gitops", git, null)),
        Map.<String, AppProperties>of(),
        tmp.resolve("work"));
  }

  GitChange change() {
    return new GitChange(
        "p1",
        "r1",
        Map.of("web", D1),
        "credreg: r1 to prod\n\nBaton-Promotion: p1\nBaton-Release: r1\n");
  }

  RevCommit head() throws Exception {
    try (Git g = Git.open(bare.toFile());
        RevWalk walk = new RevWalk(g.getRepository())) {
      return walk.parseCommit(g.getRepository().resolve("refs/heads/main"));
    }
  }

  String keyText() throws Exception {
    return Files.readAllLines(Path.of(KEY)).get(1);
  }

  @Test
  void pushesOneCommitWithTrailersOverSshWithTheKeyAndKnownHosts() throws Exception {
    var pushed = repository(KEY, KNOWN_HOSTS).write(env, app, change());

    assertThat(pushed.created()).isTrue();
    RevCommit head = head();
    assertThat(head.name()).isEqualTo(pushed.commit());
    assertThat(head.getParentCount()).isEqualTo(1);
    assertThat(head.getParent(0)).isEqualTo(seed);
    assertThat(head.getFullMessage()).contains("Baton-Promotion: p1", "Baton-Release: r1");
    assertThat(repository(KEY, KNOWN_HOSTS).held(env, app))
        .containsEntry("web", "credreg/web@" + D1);
    assertThat(repository(KEY, KNOWN_HOSTS).write(env, app, change()).created()).isFalse();
  }

  @Test
  void anUnknownHostKeyIsRefusedTerminallyAndNothingIsPushed() throws Exception {
    Path empty = Files.writeString(tmp.resolve("known_hosts"), "");

    assertThatThrownBy(() -> repository(KEY, empty.toString()).write(env, app, change()))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("host key")
        .hasMessageContaining(url)
        .message()
        .doesNotContain(keyText());
    assertThat(head().getId()).isEqualTo(seed);
  }

  @Test
  void aKeyTheServerDoesNotKnowIsRefusedTerminallyAndNamesNoSecret() throws Exception {
    Path other = tmp.resolve("keys/other_key");
    Files.createDirectories(other.getParent());
    Process keygen =
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keygen.exitValue()).isZero();
    String otherSecret = Files.readAllLines(other).get(1);

    assertThatThrownBy(() -> repository(other.toString(), KNOWN_HOSTS).write(env, app, change()))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("Git refused the credentials for " + url)
        .message()
        .doesNotContain(otherSecret)
        .doesNotContain(keyText());
    assertThat(head().getId()).isEqualTo(seed);
  }

  @Test
  void aPushRefusedByTheServersHookOverSshIsABranchProtectedFailure() throws Exception {
    Files.createFile(bare.resolve("protected"));

    assertThatThrownBy(() -> repository(KEY, KNOWN_HOSTS).write(env, app, change()))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("branch protected: ")
        .hasMessageContaining("pushes go through review")
        .message()
        .doesNotContain(keyText());
    assertThat(head().getId()).isEqualTo(seed);
  }
}
