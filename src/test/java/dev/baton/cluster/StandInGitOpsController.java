package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.yaml.snakeyaml.Yaml;

/**
 * The test playing Argo CD or Flux for one environment: from its own thread it fetches the branch
 * of a real Git server on loopback (JGit) at most every {@code poll}, reads the {@code images:} of
 * the kustomization at the environment's path, and applies the references it finds to the
 * Deployments of the namespace on fabric8's mock API server — as a JSON patch of the container
 * image, which the {@link FakeDeploymentController} then rolls out.
 *
 * <p>{@link Mode#SYNC} applies a new head once {@code delay} has passed on {@code clock} since the
 * controller first saw it; {@link Mode#NEVER} never applies; {@link Mode#SOMETHING_ELSE} applies a
 * different image ({@code repository:other}) for every entry. The mode can change while it runs. It
 * stops when closed, with the test.
 */
public final class StandInGitOpsController implements AutoCloseable {
  /** What the controller does with what the branch holds. */
  public enum Mode {
    SYNC,
    NEVER,
    SOMETHING_ELSE
  }

  /** A workload the controller manages: its kustomize image name, Deployment and container. */
  public record Target(String imageName, String deployment, String container) {}

  /** One apply: the commit it came from and the images set (Deployment → image). */
  public record Applied(String commit, Map<String, String> images) {}

  private static final Duration MIN_POLL = Duration.ofMillis(100);
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private final KubernetesClient client;
  private final String namespace;
  private final String branch;
  private final String file;
  private final List<Target> targets;
  private final Clock clock;
  private final Git local;
  private final Path dir;
  private final UsernamePasswordCredentialsProvider credentials;
  private final List<Applied> applied = new ArrayList<>();
  private final ControllerLoop loop;
  private volatile Mode mode = Mode.SYNC;
  private volatile Duration delay = Duration.ZERO;
  private String seen;

  /** The head the last complete round worked on (fetched, and applied when due). */
  private volatile String roundHead;

  private Instant seenAt;

  /** The head and mode of the last apply: a new head, or a new mode, is applied again. */
  private volatile String appliedKey;

  private volatile long rounds;

  /**
   * @param url the repository on a loopback Git server (http or ssh URLs elsewhere are refused)
   * @param path the folder holding {@code kustomization.yaml}
   * @param poll how often the branch is fetched, never more often than every 100 ms
   */
  public StandInGitOpsController(
      KubernetesClient client,
      String namespace,
      String url,
      String token,
      String branch,
      String path,
      List<Target> targets,
      Clock clock,
      Duration poll,
      Path workDir) {
    String host = URI.create(url).getHost();
    if (host == null || !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException("the stand-in controller talks to loopback only: " + url);
    }
    this.client = client;
    this.namespace = namespace;
    this.branch = branch;
    this.file = path + "/kustomization.yaml";
    this.targets = List.copyOf(targets);
    this.clock = clock;
    this.credentials = new UsernamePasswordCredentialsProvider("stand-in", token);
    try {
      dir = Files.createTempDirectory(workDir, "gitops-controller-");
      local = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch(branch).call();
      local.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    this.loop =
        new ControllerLoop(
            "stand-in-gitops-controller-" + namespace,
            poll.compareTo(MIN_POLL) < 0 ? MIN_POLL : poll,
            this::round);
  }

  /** From now on the controller behaves as {@code mode}. */
  public StandInGitOpsController mode(Mode mode) {
    this.mode = mode;
    return this;
  }

  /** How long after seeing a new head the controller applies it (on the controller's clock). */
  public StandInGitOpsController delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** Every apply so far, in order. */
  public synchronized List<Applied> applied() {
    return List.copyOf(applied);
  }

  private void round() {
    try {
      roundOrFail();
    } catch (GitAPIException | IOException | RuntimeException e) {
      // the server or the mock went away (end of the test) or a write raced: next round
    }
  }

  private synchronized void roundOrFail() throws GitAPIException, IOException {
    local
        .fetch()
        .setRemote("origin")
        .setCredentialsProvider(credentials)
        .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch))
        .call();
    Repository repo = local.getRepository();
    ObjectId head = repo.resolve("refs/heads/" + branch);
    if (head == null) {
      return;
    }
    try {
      applyIfDue(repo, head);
    } finally {
      roundHead = head.name();
      rounds++;
    }
  }

  /**
   * Waits (at most {@code limit} of real time) until a round of the controller has worked on the
   * branch's head {@code head}, and, while it has an apply to make, until a round has looked at the
   * clock as it is now: a test whose clock runs faster than real time lets the controller see each
   * commit, and each second of its delay, before the clock moves on.
   */
  public boolean awaitRoundOn(String head, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    long start = rounds;
    Mode now = mode;
    // work left (an apply that is due or delayed): wait for a round that started after this call
    boolean pending = now != Mode.NEVER && !(head + " " + now).equals(appliedKey);
    while (!head.equals(roundHead) || (pending && rounds < start + 2)) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void applyIfDue(Repository repo, ObjectId head) throws IOException {
    if (!head.name().equals(seen)) {
      seen = head.name();
      seenAt = clock.instant();
    }
    Mode now = mode;
    String key = head.name() + " " + now;
    if (now == Mode.NEVER
        || key.equals(appliedKey)
        || clock.instant().isBefore(seenAt.plus(delay))) {
      return;
    }
    Map<String, String> images = images(repo, head);
    Map<String, String> set = new LinkedHashMap<>();
    for (Target t : targets) {
      String image = images.get(t.imageName());
      if (image == null) {
        continue;
      }
      if (now == Mode.SOMETHING_ELSE) {
        image = repositoryOf(image) + ":other";
      }
      setImage(t, image);
      set.put(t.deployment(), image);
    }
    appliedKey = key;
    applied.add(new Applied(head.name(), Map.copyOf(set)));
  }

  /** The kustomization's images as the references they render to (name → image). */
  private Map<String, String> images(Repository repo, ObjectId head) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(head);
      try (TreeWalk tw = TreeWalk.forPath(repo, file, commit.getTree())) {
        if (tw == null) {
          return Map.of();
        }
        String text = new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        Object doc = new Yaml().load(text);
        if (doc instanceof Map<?, ?> m && m.get("images") instanceof List<?> list) {
          for (Object o : list) {
            if (o instanceof Map<?, ?> entry && entry.get("name") != null) {
              String name = String.valueOf(entry.get("name"));
              String repository =
                  entry.get("newName") == null ? name : String.valueOf(entry.get("newName"));
              if (entry.get("digest") != null) {
                out.put(name, repository + "@" + entry.get("digest"));
              } else if (entry.get("newTag") != null) {
                out.put(name, repository + ":" + entry.get("newTag"));
              }
            }
          }
        }
        return out;
      }
    }
  }

  private void setImage(Target t, String image) {
    Deployment d =
        client.apps().deployments().inNamespace(namespace).withName(t.deployment()).get();
    if (d == null || image.equals(MockApi.imageOf(d, t.container()))) {
      return;
    }
    int index = ImagePatch.containerIndex(d, t.container());
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(t.deployment())
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/"
                + index
                + "/image\",\"value\":\""
                + image
                + "\"}]");
  }

  private static String repositoryOf(String image) {
    int at = image.indexOf('@');
    String base = at >= 0 ? image.substring(0, at) : image;
    int colon = base.lastIndexOf(':');
    return colon > base.lastIndexOf('/') ? base.substring(0, colon) : base;
  }

  @Override
  public void close() throws InterruptedException {
    loop.close();
    synchronized (this) {
      local.close();
    }
  }
}
