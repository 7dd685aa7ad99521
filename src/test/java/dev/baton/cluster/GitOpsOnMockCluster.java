package dev.baton.cluster;

import static dev.baton.fakes.Fixtures.APPROVER_1;
import static dev.baton.fakes.Fixtures.APPROVER_2;
import static dev.baton.fakes.Fixtures.DEPLOYER;

import dev.baton.cluster.StandInGitOpsController.Target;
import dev.baton.config.AppProperties;
import dev.baton.config.EnvironmentProperties;
import dev.baton.config.EnvironmentProperties.GitProperties;
import dev.baton.fakes.FakeRegistry;
import dev.baton.fakes.Fixtures;
import dev.baton.fakes.InMemoryPipelineStore;
import dev.baton.fakes.ManualTimer;
import dev.baton.fakes.MutableClock;
import dev.baton.fakes.RecordingChat;
import dev.baton.gitops.JGitManifestRepository;
import dev.baton.pipeline.LeaseOwner;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.PipelinePorts;
import dev.baton.pipeline.model.AuditEvent;
import dev.baton.pipeline.model.Deployment;
import dev.baton.pipeline.model.GitTarget;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Promotion;
import dev.baton.pipeline.port.AuditQuery;
import dev.baton.pipeline.port.Directory;
import dev.baton.pipeline.port.ManifestRepository;
import dev.baton.pipeline.port.Metrics;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PromotionTraces;
import dev.baton.testing.TestWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * credreg's chain test → prod where prod is a GitOps environment: the real core over an in-memory
 * store, the real JGit repository pushing to the real Git server of {@code
 * scripts/test-services.sh} (a fresh bare repository per fixture), the real Kubernetes adapter on
 * fabric8's mock API server, the test playing the Deployment controllers of both namespaces and the
 * GitOps controller of prod ({@link StandInGitOpsController}). Time is a {@link MutableClock} whose
 * wake-ups run when {@link #runUntilEnded} lets time pass; the controllers run in real time.
 */
final class GitOpsOnMockCluster implements AutoCloseable {
  static final String PATH = "apps/{app}/prod";
  static final String FILE = "apps/credreg/prod/kustomization.yaml";
  static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

  /** The environment's files before Baton's first commit: comments and odd spacing included. */
  static final String SEED =
      "# credreg in prod — applied by the GitOps controller\n"
          + "apiVersion: kustomize.config.k8s.io/v1beta1\n"
          + "kind: Kustomization\n"
          + "resources:\n"
          + "  - ../../base\n"
          + "images:\n"
          + "  # the web front\n"
          + "  - name: credreg/main-app\n"
          + "    newTag: bootstrap\n"
          + "  # the queue worker, set by Baton too\n"
          + "  - name:  credreg/worker-app\n"
          + "    newTag: \"bootstrap\"\n";

  final String gitUrl;
  final String token;
  final Path bare;
  final MockApi api;
  final Pipeline pipeline;
  final InMemoryPipelineStore store = new InMemoryPipelineStore();
  final FakeRegistry registry = new FakeRegistry();
  final RecordingChat chat = new RecordingChat();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  final ManualTimer timer = new ManualTimer(clock);
  final KubernetesCluster cluster =
      ClusterFixtures.cluster(MockApi.settings(Duration.ofSeconds(5)));
  final List<FakeDeploymentController> deployments = new ArrayList<>();
  final StandInGitOpsController controller;
  private final Path dir;
  private final AtomicLong ids = new AtomicLong();
  private final List<PipelineCore> cores = new ArrayList<>();

  /**
   * @param serverUrl the Git server's smart-HTTP address ({@code BATON_TEST_GIT_HTTP_URL})
   * @param root where its bare repositories are ({@code BATON_TEST_GIT_ROOT})
   * @param seed the kustomization before Baton's first commit
   */
  GitOpsOnMockCluster(Path dir, String serverUrl, String token, String root, String seed)
      throws Exception {
    this.dir = dir;
    this.token = token;
    String name = "deploy-" + UUID.randomUUID() + ".git";
    bare = Path.of(root, name);
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    gitUrl = serverUrl + "/" + name;
    commitByHand(FILE, seed, "seed");
    api = MockApi.start(dir);
    for (String env : List.of("test", "prod")) {
      String ns = TestWorld.namespace(env);
      api.createRolledOut(ns, "main-app", "app", "credreg/main-app:bootstrap");
      api.createRolledOut(ns, "worker-app", "worker", "credreg/worker-app:bootstrap");
      deployments.add(new FakeDeploymentController(api.client, ns, Duration.ofMillis(30)));
    }
    Pipeline world =
        TestWorld.credreg()
            .chain("test", "prod")
            .prodBake(Duration.ZERO)
            .withoutSmokeCheck()
            .withoutMigration()
            .cluster(api.kubeconfig.toString(), MockApi.CONTEXT)
            .pipeline();
    GitTarget git = new GitTarget(gitUrl, "main", PATH, SYNC_TIMEOUT);
    pipeline =
        new Pipeline(
            world.environments().stream()
                .map(e -> e.name().equals("prod") ? e.withGit(git) : e)
                .toList(),
            world.apps());
    controller =
        new StandInGitOpsController(
            api.client,
            TestWorld.namespace("prod"),
            gitUrl,
            token,
            "main",
            "apps/credreg/prod",
            List.of(
                new Target("credreg/main-app", "main-app", "app"),
                new Target("credreg/worker-app", "worker-app", "worker")),
            clock,
            Duration.ofMillis(100),
            Files.createDirectories(dir.resolve("controller")));
  }

  /** Baton's Git adapter for prod, pushing with {@code withToken}. */
  JGitManifestRepository repository(String withToken) {
    GitProperties git =
        new GitProperties(
            gitUrl,
            "main",
            PATH,
            "kustomize",
            null,
            new GitProperties.AuthProperties(withToken, null, null),
            SYNC_TIMEOUT,
            2);
    return new JGitManifestRepository(
        Map.of(
            "prod", new EnvironmentProperties("prod", null, null, null, null, "gitops", git, null)),
        Map.<String, AppProperties>of(),
        dir.resolve("baton-git"));
  }

  /** A core of replica {@code instanceId} (a new boot each time), running promotions inline. */
  PipelineCore core(String instanceId, ManifestRepository manifests) {
    PipelinePorts ports =
        new PipelinePorts(
            pipeline,
            store,
            registry,
            cluster,
            new HttpSmokeChecker(Duration.ofMillis(20), Duration.ofSeconds(2)),
            chat,
            Directory.NONE,
            clock,
            () -> String.format("p%07d", ids.incrementAndGet()),
            PromotionTraces.OFF,
            manifests,
            Metrics.NONE);
    PipelineCore core =
        PipelineCore.create(
            ports,
            Runnable::run,
            LeaseOwner.forInstance(instanceId),
            Duration.ofSeconds(30),
            3,
            timer,
            Duration.ofSeconds(1));
    core.wakeUps().start();
    cores.add(core);
    return core;
  }

  /** A new process of replica-a on the same store, pushing through {@code manifests}. */
  PipelineCore restart(ManifestRepository manifests) {
    stopAll();
    return core("replica-a", manifests);
  }

  /** Every core so far is gone (its process died or stopped): its wake-ups no longer run. */
  void stopAll() {
    for (PipelineCore core : cores) {
      core.wakeUps().stop();
    }
  }

  /** Build {@code n} registered by CI: deployed to test at once. */
  String registerBuild(PipelineCore core, int n) {
    core.builds().register(TestWorld.pushed(registry, n), "ci");
    return Fixtures.tag(n);
  }

  /** Asks for build {@code n} in prod and gives both approvals: it starts in the second click. */
  Promotion promoteToProd(PipelineCore core) {
    Promotion p = core.promotions().request("credreg", "prod", null, DEPLOYER).promotion();
    core.promotions().approve(p.id(), APPROVER_1);
    core.promotions().approve(p.id(), APPROVER_2);
    return promotion(p.id());
  }

  /**
   * Lets time pass a second at a time (the wake-ups that are due run, as in production) until the
   * promotion ended, at most {@code limit} of the clock and 60 s of real time.
   */
  Promotion runUntilEnded(String promotionId, Duration limit) throws Exception {
    return runUntil(promotionId, p -> p.state().terminal(), limit);
  }

  /** As {@link #runUntilEnded}, until the promotion is as {@code wanted} says. */
  Promotion runUntil(String promotionId, Predicate<Promotion> wanted, Duration limit)
      throws Exception {
    Instant until = clock.instant().plus(limit);
    long realUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!wanted.test(promotion(promotionId))
        && clock.instant().isBefore(until)
        && System.nanoTime() < realUntil) {
      Thread.sleep(20);
      ObjectId head = head();
      if (head != null) {
        controller.awaitRoundOn(head.name(), Duration.ofSeconds(10));
      }
      clock.advance(Duration.ofSeconds(1));
      timer.runDue();
    }
    return promotion(promotionId);
  }

  Promotion promotion(String id) {
    return store.read(r -> r.promotion(id)).orElseThrow();
  }

  String current(String env) {
    return store
        .read(r -> r.currentDeployment("credreg", env))
        .map(Deployment::releaseTag)
        .orElse(null);
  }

  String imageIn(String env, String deployment, String container) {
    return MockApi.imageOf(api.deployment(TestWorld.namespace(env), deployment), container);
  }

  /** The audit entries of one promotion, oldest first. */
  List<AuditEvent> audit(String promotionId) {
    return store.audit(new AuditQuery("credreg", null, null, null, null, null, null, 500)).stream()
        .filter(e -> promotionId.equals(e.promotionId()))
        .sorted(java.util.Comparator.comparingLong(AuditEvent::seq))
        .toList();
  }

  /** Everything Baton told chat about the promotion: its step messages and its changes. */
  String chatAbout(String promotionId) {
    StringBuilder out = new StringBuilder();
    for (PipelineEvent e : chat.events()) {
      if (e instanceof PipelineEvent.StepChanged s && s.promotion().id().equals(promotionId)) {
        out.append(s.step()).append(": ").append(s.message()).append('\n');
      } else if (e instanceof PipelineEvent.PromotionChanged c
          && c.promotion().id().equals(promotionId)) {
        out.append(c.promotion().state())
            .append(": ")
            .append(c.message())
            .append(" — ")
            .append(c.promotion().reason())
            .append('\n');
      }
    }
    return out.toString();
  }

  // ---- the Git server, read and written behind Baton's back ----

  ObjectId head() throws Exception {
    try (Git g = Git.open(bare.toFile())) {
      Ref ref = g.getRepository().exactRef("refs/heads/main");
      return ref == null ? null : ref.getObjectId();
    }
  }

  /** The branch's commits, newest first. */
  List<RevCommit> log() throws Exception {
    try (Git g = Git.open(bare.toFile())) {
      List<RevCommit> out = new ArrayList<>();
      g.log().add(g.getRepository().resolve("refs/heads/main")).call().forEach(out::add);
      return out;
    }
  }

  /** The file at the head of the branch. */
  String fileAtHead(String path) throws Exception {
    try (Git g = Git.open(bare.toFile())) {
      var repo = g.getRepository();
      try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
          var tw =
              org.eclipse.jgit.treewalk.TreeWalk.forPath(
                  repo, path, walk.parseCommit(repo.resolve("refs/heads/main")).getTree())) {
        return new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** Another committer (a person) changes a file on the branch. */
  void commitByHand(String path, String content, String message) throws Exception {
    Path work = Files.createTempDirectory(dir, "by-hand-");
    var credentials = new UsernamePasswordCredentialsProvider("x", token);
    Git g;
    if (head() == null) {
      g = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
      g.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(gitUrl)).call();
    } else {
      g =
          Git.cloneRepository()
              .setURI(gitUrl)
              .setDirectory(work.toFile())
              .setCredentialsProvider(credentials)
              .call();
    }
    try (g) {
      Path file = work.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      g.add().addFilepattern(".").call();
      g.commit().setMessage(message).setAuthor("A Person", "person@example.com").call();
      g.push()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
          .setCredentialsProvider(credentials)
          .call();
    }
  }

  /** Makes the server's pre-receive hook refuse every push to this repository. */
  void protectBranch() throws Exception {
    Files.createFile(bare.resolve("protected"));
  }

  @Override
  public void close() throws Exception {
    for (PipelineCore core : cores) {
      core.wakeUps().stop();
    }
    controller.close();
    for (FakeDeploymentController d : deployments) {
      d.close();
    }
    cluster.close();
    api.close();
  }
}
