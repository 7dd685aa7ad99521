package dev.baton.bench;

import dev.baton.testing.BatonJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A GitOps environment promoted by the packaged Baton through the real Git server of {@code
 * scripts/test-services.sh} (smart HTTP with a token), the benchmark playing the GitOps controller
 * (as Argo CD or Flux would) and the Deployment controller:
 *
 * <ul>
 *   <li><b>final approval → commit pushed</b>: from just before the second approver's signed click
 *       is sent to the moment the server accepted Baton's push (the repository's post-receive hook
 *       writes the time of every accepted push). In between Baton records the approval, starts the
 *       promotion, verifies the images, clones the branch, edits the kustomization, commits and
 *       pushes;
 *   <li><b>push → rollout noticed</b>: the controller applies the pushed digests to the mock API
 *       server at once and marks both rollouts complete; from that completion to the first {@code
 *       chat.update} Slack receives (the thread showing the step moved) and to the state API
 *       reporting the release as running (polled every 10 ms). Baton learns of the apply by reading
 *       the cluster, so this is the figure its polling decides;
 *   <li>and beside them push → controller applied (the benchmark's own reaction, for reference).
 * </ul>
 *
 * Run by {@code bench/run.sh} (stage {@code gitops}, under {@code scripts/test-services.sh});
 * without the Git server the stage writes why it was skipped. Figures go to {@code
 * target/bench/gitops.json}.
 */
@Tag("benchmark")
class GitOpsBenchmark {
  static final int SAMPLES = Integer.getInteger("baton.bench.samples", 8);
  static final String KUSTOMIZATION = "apps/credreg/prod/kustomization.yaml";
  static final String ZERO = "sha256:" + "0".repeat(64);

  @Test
  void run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    String url = System.getenv("BATON_TEST_GIT_HTTP_URL");
    String token = System.getenv("BATON_TEST_GIT_TOKEN");
    String root = System.getenv("BATON_TEST_GIT_ROOT");
    if (url == null || url.isBlank() || root == null || token == null) {
      results.put(
          "gitops", Map.of("skipped", quoted("no Git server: run under scripts/test-services.sh")));
      write(results);
      return;
    }
    Path dir = Files.createTempDirectory("baton-bench-gitops");
    String name = "deploy-bench-" + UUID.randomUUID() + ".git";
    Path bare = Path.of(root, name);
    seed(url + "/" + name, token, bare, dir.resolve("seed"));
    try (BenchWorld world = new BenchWorld(dir)) {
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("loadAverageBefore", quoted(SlackAndDeployBenchmark.loadAverage()));
      BatonJar.Options options =
          world.baton(
              dir.resolve("baton"),
              SlackAndDeployBenchmark.jvmFlags(),
              config(world, url + "/" + name));
      options.env("GIT_TOKEN", token);
      try (BatonJar baton = options.start()) {
        baton.awaitReady(Duration.ofSeconds(90));
        String base = "http://127.0.0.1:" + baton.url("/").getPort();
        Latencies toPush = new Latencies();
        Latencies applied = new Latencies();
        Latencies inSlack = new Latencies();
        Latencies recorded = new Latencies();
        long coldPush = -1;
        for (int sample = 0; sample <= SAMPLES; sample++) {
          Sample s = sample(world, base, sample + 2, bare);
          if (sample == 0) {
            coldPush = s.approvalToPush;
          } else {
            toPush.add(s.approvalToPush * 1000);
            applied.add(s.pushToApplied * 1000);
            inSlack.add(s.completeToChatUpdate * 1000);
            recorded.add(s.completeToRecorded * 1000);
          }
        }
        machine.put("loadAverageAfter", quoted(SlackAndDeployBenchmark.loadAverage()));
        machine.put("jvmFlags", quoted(String.join(" ", SlackAndDeployBenchmark.jvmFlags())));
        machine.put("registry", quoted(world.registryKind));
        machine.put("git", quoted("git http-backend (smart HTTP, token) on loopback"));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("machine", machine);
        g.put("firstApprovalToPushMs", coldPush);
        g.put("approvalToPush", toPush.summary());
        g.put("pushToControllerApplied", applied.summary());
        g.put("rolloutCompleteToChatUpdate", inSlack.summary());
        g.put("rolloutCompleteToRecorded", recorded.summary());
        results.put("gitops", g);
      }
    }
    write(results);
  }

  private static void write(Map<String, Object> results) throws IOException {
    Path out = Path.of("target/bench/gitops.json");
    Files.createDirectories(out.getParent());
    String json = AuditAndRegistrationBenchmark.Json.write(results);
    Files.writeString(out, json);
    System.out.println("BENCH gitops " + json);
  }

  private record Sample(
      long approvalToPush,
      long pushToApplied,
      long completeToChatUpdate,
      long completeToRecorded) {}

  /** Build n: registered, auto-deployed to test, requested for prod, approved twice, pushed. */
  private static Sample sample(BenchWorld world, String base, int n, Path bare) throws Exception {
    String tag = BenchWorld.tag(n);
    BenchWorld.OneApprovalLeft prod = world.toProdWithOneApprovalLeft(base, n);
    Map<String, String> digests = prod.digests();
    String finalClick = prod.finalClick();
    long clicked = System.currentTimeMillis();
    world.send(base, finalClick);
    long pushed = BenchWorld.awaitTime("Baton's push of " + tag, () -> pushAfter(bare, clicked));
    // The GitOps controller: applies what Git now holds at once, then the Deployment controller
    // completes both rollouts.
    long applied = 0;
    for (String w : List.of("main-app", "worker-app")) {
      applied =
          world.cluster.applyImage(
              BenchWorld.PROD_NS,
              w,
              BenchWorld.CONTAINERS.get(w),
              "credreg/" + w + "@" + digests.get(w));
    }
    world.cluster.completeRollout(BenchWorld.PROD_NS, "worker-app");
    long complete = world.cluster.completeRollout(BenchWorld.PROD_NS, "main-app");
    world.await(
        base,
        tag + " running in prod",
        st -> tag.equals(BenchWorld.current(st, "prod")),
        Duration.ofSeconds(60));
    long recordedSeen = System.currentTimeMillis();
    long update =
        BenchWorld.awaitTime(
            "chat.update after the rollout", () -> world.slack.firstCall("chat.update", complete));
    System.out.printf(
        "BENCH gitops %s: approval->push %d ms, push->applied %d ms, complete->chat.update %d ms,"
            + " complete->recorded %d ms%n",
        tag, pushed - clicked, applied - pushed, update - complete, recordedSeen - complete);
    return new Sample(
        pushed - clicked, applied - pushed, update - complete, recordedSeen - complete);
  }

  /** When the server accepted the first push at or after {@code fromMillis} (post-receive log). */
  private static OptionalLong pushAfter(Path bare, long fromMillis) {
    Path log = bare.resolve("baton-pushes.log");
    if (!Files.exists(log)) {
      return OptionalLong.empty();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(l -> l.split(" ", 2)[0])
          .filter(t -> !t.isBlank())
          .mapToLong(Long::parseLong)
          .filter(t -> t >= fromMillis)
          .min();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** A bare repository on the server with credreg's prod kustomization, pushed by its owner. */
  private static void seed(String url, String token, Path bare, Path work) throws Exception {
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    var credentials = new UsernamePasswordCredentialsProvider("x", token);
    try (Git g =
        Git.cloneRepository()
            .setURI(url)
            .setDirectory(work.toFile())
            .setCredentialsProvider(credentials)
            .call()) {
      Path k = work.resolve(KUSTOMIZATION);
      Files.createDirectories(k.getParent());
      Files.writeString(
          k,
          "# credreg in prod: the image digests are Baton's to write\n"
              + "resources:\n"
              + "- ../../base\n"
              + "images:\n"
              + "- name: credreg/main-app\n"
              + "  digest: "
              + ZERO
              + "\n"
              + "- name: credreg/worker-app\n"
              + "  digest: "
              + ZERO
              + "\n",
          StandardCharsets.UTF_8);
      g.add().addFilepattern(".").call();
      g.commit().setMessage("credreg prod overlay").setAuthor("ops", "ops@example.com").call();
      g.push()
          .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
          .setCredentialsProvider(credentials)
          .call();
    }
  }

  /** Chain test (Kubernetes, auto-deploy) → prod (GitOps: the kustomization above). */
  private static Path config(BenchWorld world, String gitUrl) throws IOException {
    Path file = world.dir.resolve("baton-gitops.yml");
    Files.writeString(
        file,
        "baton:\n"
            + "  instance-id: bench\n"
            + "  chain: [test, prod]\n"
            + "  environments:\n"
            + "    test:\n"
            + world.clusterLine(BenchWorld.TEST_NS)
            + "      policy: {auto-deploy: true}\n"
            + "    prod:\n"
            + world.clusterLine(BenchWorld.PROD_NS)
            + "      target: gitops\n"
            + "      git:\n"
            + "        url: '"
            + gitUrl
            + "'\n"
            + "        branch: main\n"
            + "        path: apps/{app}/prod\n"
            + "        format: kustomize\n"
            + "        author: {name: Baton, email: baton@example.com}\n"
            + "        auth: {token: '${GIT_TOKEN}'}\n"
            + "        sync-timeout: 60s\n"
            + "      policy:\n"
            + "        required-approvals: 2\n"
            + "        approvers: ["
            + BenchWorld.APPROVER_1
            + ", "
            + BenchWorld.APPROVER_2
            + "]\n"
            + "        deployers: ["
            + BenchWorld.DEPLOYER
            + "]\n"
            + world.registryAndApp());
    return file;
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }
}
