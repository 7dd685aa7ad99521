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
import dev.baton.pipeline.port.ManifestRepository.Pushed;
import dev.baton.pipeline.port.PortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JGit adapter on a real bare repository (file:// transport): one commit with the trailers,
 * nothing when the branch already holds the digests, a race with another committer redone on the
 * new head, and a missing image entry refused with no commit.
 */
class JGitManifestRepositoryTest {
  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);
  static final String KUSTOMIZATION =
      "# prod\nresources:\n  - ../base\nimages:\n  - name: credreg/web   # web\n    newTag: v1\n";

  @TempDir Path tmp;
  Path bare;
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
  JGitManifestRepository repo;

  @BeforeEach
  void aBareRepositoryWithAKustomizeOverlay() throws Exception {
    bare = tmp.resolve("deploy.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    url = bare.toUri().toString();
    commitAs("someone", "apps/credreg/prod/kustomization.yaml", KUSTOMIZATION);
    GitProperties git =
        new GitProperties(url, "main", "apps/{app}/prod", "kustomize", null, null, null, 2);
    var props = new EnvironmentProperties("prod", null, null, null, null, "gitops", git, null);
    env =
        new EnvironmentDefinition("prod", null, null, "prod", (EnvironmentPolicy) null)
            .withGit(new GitTarget(url, "main", "apps/{app}/prod", Duration.ofMinutes(1)));
    repo =
        new JGitManifestRepository(
            Map.of("prod", props), Map.<String, AppProperties>of(), tmp.resolve("work"));
  }

  /** Another committer: clone, write, commit, push. */
  void commitAs(String who, String path, String text) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "other-");
    try (Git g =
        Git.cloneRepository().setURI(url).setBranch("main").setDirectory(dir.toFile()).call()) {
      Files.createDirectories(dir.resolve(path).getParent());
      Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8);
      g.add().addFilepattern(path).call();
      g.commit().setMessage("by " + who).setAuthor(who, who + "@example.com").call();
      g.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
    }
  }

  List<RevCommit> log() throws Exception {
    try (Git g = Git.open(bare.toFile())) {
      List<RevCommit> all = new ArrayList<>();
      g.log().call().forEach(all::add);
      return all;
    }
  }

  String fileOnBranch() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "check-");
    try (Git g =
        Git.cloneRepository().setURI(url).setBranch("main").setDirectory(dir.toFile()).call()) {
      return Files.readString(dir.resolve("apps/credreg/prod/kustomization.yaml"));
    }
  }

  GitChange change(String digest) {
    return new GitChange(
        "p1",
        "2026.12.03.0001",
        Map.of("web", digest),
        "credreg: 2026.12.03.0001 to prod\n\nBaton-Promotion: p1\nBaton-Release: 2026.12.03.0001\n");
  }

  @Test
  void writesOneCommitWithTheTrailersAndOnlyTheImageLinesChanged() throws Exception {
    Pushed pushed = repo.write(env, app, change(D1));

    assertThat(pushed.created()).isTrue();
    List<RevCommit> log = log();
    assertThat(log).hasSize(2);
    assertThat(log.get(0).name()).isEqualTo(pushed.commit());
    assertThat(log.get(0).getFullMessage()).contains("Baton-Promotion: p1\nBaton-Release: ");
    assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("Baton");
    assertThat(fileOnBranch())
        .isEqualTo(KUSTOMIZATION.replace("    newTag: v1\n", "    digest: " + D1 + "\n"));
    assertThat(repo.held(env, app)).containsEntry("web", "credreg/web@" + D1);
  }

  @Test
  void aBranchThatAlreadyHoldsTheDigestsGetsNoSecondCommit() throws Exception {
    repo.write(env, app, change(D1));
    Pushed again = repo.write(env, app, change(D1));

    assertThat(again.created()).isFalse();
    assertThat(log()).hasSize(2);
  }

  @Test
  void aPushOvertakenByAnotherCommitterIsRedoneOnTheNewHead() throws Exception {
    AtomicBoolean raced = new AtomicBoolean();
    repo.beforePush =
        () -> {
          if (raced.compareAndSet(false, true)) {
            try {
              commitAs("alice", "apps/other/README.md", "unrelated\n");
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        };

    Pushed pushed = repo.write(env, app, change(D2));

    assertThat(pushed.created()).isTrue();
    List<RevCommit> log = log();
    assertThat(log)
        .extracting(c -> c.getShortMessage())
        .startsWith("credreg: 2026.12.03.0001 to prod", "by alice");
    assertThat(log).filteredOn(c -> c.getFullMessage().contains("Baton-Promotion: p1")).hasSize(1);
  }

  @Test
  void aMissingImageEntryIsRefusedBeforeAnyCommit() throws Exception {
    AppDefinition other =
        new AppDefinition(
            "credreg",
            List.of(new Workload("api", "credreg-api", "app", "credreg/api")),
            "default",
            null,
            List.of(),
            null);

    assertThatThrownBy(
            () -> repo.write(env, other, new GitChange("p2", "t", Map.of("api", D1), "m")))
        .isInstanceOf(PortException.class)
        .matches(e -> !((PortException) e).retryable())
        .hasMessageContaining("no entry named credreg/api under images:");
    assertThat(log()).hasSize(1);
  }

  @Test
  void anUnreachableServerIsRetryable() {
    GitProperties git =
        new GitProperties(
            "http://127.0.0.1:9/deploy.git",
            "main",
            "apps/{app}/prod",
            "kustomize",
            null,
            null,
            null,
            0);
    var broken =
        new JGitManifestRepository(
            Map.of(
                "prod",
                new EnvironmentProperties("prod", null, null, null, null, "gitops", git, null)),
            Map.of(),
            tmp.resolve("work2"));

    assertThatThrownBy(() -> broken.write(env, app, change(D1)))
        .isInstanceOf(PortException.class)
        .matches(e -> ((PortException) e).retryable());
  }
}
