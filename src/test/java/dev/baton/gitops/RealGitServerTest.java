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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JGit adapter against Debian's {@code git http-backend} on loopback with a token ({@code
 * scripts/test-services.sh start_git_server}): a push, a refused token, a push refused by the
 * server's pre-receive hook (a protected branch) — and the token in no message.
 */
class RealGitServerTest {
  static final String URL = TestServices.lookup("BATON_TEST_GIT_HTTP_URL");
  static final String TOKEN = TestServices.lookup("BATON_TEST_GIT_TOKEN");
  static final String ROOT = TestServices.lookup("BATON_TEST_GIT_ROOT");
  static final String D1 = "sha256:" + "1".repeat(64);

  @TempDir Path tmp;
  String name;
  String url;
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
    TestServices.assumeSet(URL, "BATON_TEST_GIT_HTTP_URL");
    name = "deploy-" + UUID.randomUUID() + ".git";
    Git.init()
        .setBare(true)
        .setInitialBranch("main")
        .setDirectory(Path.of(ROOT, name).toFile())
        .call()
        .close();
    url = URL + "/" + name;
    Path dir = tmp.resolve("seed");
    try (Git g =
        Git.cloneRepository()
            .setURI(url)
            .setDirectory(dir.toFile())
            .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x", TOKEN))
            .call()) {
      Path k = dir.resolve("apps/credreg/prod/kustomization.yaml");
      Files.createDirectories(k.getParent());
      Files.writeString(k, "images:\n- name: credreg/web\n  newTag: v1\n", StandardCharsets.UTF_8);
      g.add().addFilepattern(".").call();
      g.commit().setMessage("seed").setAuthor("seed", "seed@example.com").call();
      g.push()
          .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
          .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x", TOKEN))
          .call();
    }
    env =
        new EnvironmentDefinition("prod", null, null, "prod", (EnvironmentPolicy) null)
            .withGit(new GitTarget(url, "main", "apps/{app}/prod", Duration.ofMinutes(1)));
  }

  JGitManifestRepository repository(String token) {
    GitProperties git =
        new GitProperties(
            url,
            "main",
            "apps/{app}/prod",
            "kustomize",
            null,
            new GitProperties.AuthProperties(token, null, null),
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
        "p1", "r1", Map.of("web", D1), "credreg: r1 to prod\n\nBaton-Promotion: p1\n");
  }

  @Test
  void pushesOneCommitOverSmartHttpWithTheToken() {
    var pushed = repository(TOKEN).write(env, app, change());

    assertThat(pushed.created()).isTrue();
    assertThat(repository(TOKEN).held(env, app)).containsEntry("web", "credreg/web@" + D1);
    assertThat(repository(TOKEN).write(env, app, change()).created()).isFalse();
  }

  @Test
  void aRefusedTokenIsTerminalAndNamesNoSecret() {
    assertThatThrownBy(() -> repository("wrong-" + TOKEN).write(env, app, change()))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("Git refused the credentials for " + url)
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aPushRefusedByTheServersHookIsABranchProtectedFailure() throws Exception {
    Files.createFile(Path.of(ROOT, name, "protected"));

    assertThatThrownBy(() -> repository(TOKEN).write(env, app, change()))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("branch protected: ")
        .hasMessageContaining("pushes go through review")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void readingAnUnchangedHeadAgainClonesOnceAndANewHeadIsReadAfresh() throws Exception {
    JGitManifestRepository repo = repository(TOKEN);

    var first = repo.head(env, app);
    var second = repo.head(env, app);
    var third = repo.head(env, app);

    assertThat(first.images()).containsEntry("web", "credreg/web:v1");
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(first.commit()).isEqualTo(serverHead());
    assertThat(fetches()).as("three reads of one head: one clone").isEqualTo(1);

    String pushed = repository(TOKEN).write(env, app, change()).commit();
    int before = fetches();
    var moved = repo.head(env, app);

    assertThat(moved.commit()).isEqualTo(pushed).isEqualTo(serverHead());
    assertThat(moved.images()).containsEntry("web", "credreg/web@" + D1);
    assertThat(repo.held(env, app)).isEqualTo(moved.images());
    assertThat(fetches() - before).as("a moved head is cloned once").isEqualTo(1);
  }

  @Test
  void aRefusedTokenOnARead() {
    assertThatThrownBy(() -> repository("wrong-" + TOKEN).head(env, app))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("Git refused the credentials for " + url)
        .message()
        .doesNotContain(TOKEN);
  }

  /** Fetches and clones the server served from this test's repository (its fetches.log). */
  int fetches() throws Exception {
    Path log = Path.of(ROOT, name, "fetches.log");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  String serverHead() throws Exception {
    try (Git bare = Git.open(Path.of(ROOT, name).toFile())) {
      return bare.getRepository().resolve("refs/heads/main").name();
    }
  }
}
