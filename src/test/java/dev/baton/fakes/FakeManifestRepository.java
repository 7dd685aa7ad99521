package dev.baton.fakes;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.ManifestRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Git branch per environment holding each workload's image, and the GitOps controller that
 * applies it to the {@link FakeCluster}: at once ({@link Sync#AT_ONCE}), only when the test calls
 * {@link #sync} ({@link Sync#ON_DEMAND}), never, or applying some other image. Faults: {@code
 * git.write <env>} before the commit, {@code git.pushed <env>} after the push (a crash there is a
 * crash between push and record), {@code git.head <env>} on every read of a branch head.
 */
public final class FakeManifestRepository implements ManifestRepository {
  /** How the stand-in controller behaves. */
  public enum Sync {
    AT_ONCE,
    ON_DEMAND,
    NEVER,
    SOMETHING_ELSE
  }

  /** One commit on a branch. */
  public record Commit(String id, String env, String message, Map<String, String> images) {}

  private final Faults faults;
  private final FakeCluster cluster;
  private final Map<String, Map<String, String>> branches = new LinkedHashMap<>();
  private final List<Commit> commits = new ArrayList<>();
  private volatile Sync sync = Sync.AT_ONCE;

  public FakeManifestRepository(Faults faults, FakeCluster cluster) {
    this.faults = faults;
    this.cluster = cluster;
  }

  public void sync(Sync mode) {
    this.sync = mode;
  }

  public synchronized List<Commit> commits() {
    return List.copyOf(commits);
  }

  /** Another committer changes the branch (a person, another tool). */
  public synchronized void commitByHand(String env, String workload, String image) {
    branches.computeIfAbsent(env, e -> new LinkedHashMap<>()).put(workload, image);
    commits.add(new Commit("h" + commits.size(), env, "by hand", Map.of(workload, image)));
  }

  /** The controller applies what the branch holds now. */
  public void sync(EnvironmentDefinition env, AppDefinition app) {
    Map<String, String> held;
    synchronized (this) {
      held = Map.copyOf(branches.getOrDefault(env.name(), Map.of()));
    }
    for (Workload w : app.workloads()) {
      if (held.containsKey(w.name())) {
        cluster.setByHand(env.name(), w.name(), held.get(w.name()), true);
      }
    }
  }

  @Override
  public Pushed write(EnvironmentDefinition env, AppDefinition app, GitChange change) {
    faults.before("git.write " + env.name());
    Map<String, String> want = new LinkedHashMap<>();
    app.workloads().forEach(w -> want.put(w.name(), w.imageAt(change.digests().get(w.name()))));
    Commit made;
    synchronized (this) {
      Map<String, String> branch = branches.computeIfAbsent(env.name(), e -> new LinkedHashMap<>());
      if (branch.entrySet().containsAll(want.entrySet())) {
        return new Pushed(lastOn(env.name()), false);
      }
      branch.putAll(want);
      made = new Commit("c" + commits.size(), env.name(), change.message(), Map.copyOf(want));
      commits.add(made);
    }
    switch (sync) {
      case AT_ONCE -> sync(env, app);
      case SOMETHING_ELSE ->
          app.workloads()
              .forEach(
                  w -> cluster.setByHand(env.name(), w.name(), w.repository() + ":other", true));
      default -> {}
    }
    faults.before("git.pushed " + env.name());
    return new Pushed(made.id(), true);
  }

  @Override
  public Map<String, String> held(EnvironmentDefinition env, AppDefinition app) {
    return head(env, app).images();
  }

  @Override
  public Head head(EnvironmentDefinition env, AppDefinition app) {
    faults.before("git.head " + env.name());
    synchronized (this) {
      return new Head(lastOn(env.name()), branches.getOrDefault(env.name(), Map.of()));
    }
  }

  private String lastOn(String env) {
    for (int i = commits.size() - 1; i >= 0; i--) {
      if (commits.get(i).env().equals(env)) {
        return commits.get(i).id();
      }
    }
    return "none";
  }
}
