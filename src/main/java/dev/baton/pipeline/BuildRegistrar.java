package dev.baton.pipeline;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.AuditEntry;
import dev.baton.pipeline.model.Digests;
import dev.baton.pipeline.model.Release;
import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PipelineEvent;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Registers releases built by CI, after checking every image in the registry. */
public final class BuildRegistrar {
  private final PipelinePorts ports;
  private final AutoDeployer autoDeployer;

  public BuildRegistrar(PipelinePorts ports, AutoDeployer autoDeployer) {
    this.ports = ports;
    this.autoDeployer = autoDeployer;
  }

  /** The outcome: the release as stored, and whether this call created it. */
  public record Registration(Release release, boolean created) {}

  public Registration register(RegisterBuild build, String actor) {
    AppDefinition app = validate(build);
    checkRegistry(app, build);
    Release candidate =
        new Release(
            build.app(),
            build.tag(),
            build.commit(),
            build.buildUrl(),
            build.digests(),
            ports.clock().instant(),
            actor,
            build.committedAt());
    Registration registration = ports.store().write(tx -> store(tx, candidate, actor));
    if (registration.created()) {
      ports.tell(new PipelineEvent.ReleaseRegistered(registration.release()));
      autoDeployer.deploy(registration.release());
    }
    return registration;
  }

  private static Registration store(StoreTx tx, Release candidate, String actor) {
    Optional<Release> existing = tx.release(candidate.app(), candidate.tag());
    if (existing.isPresent()) {
      if (existing.get().sameBuildAs(candidate)) {
        return new Registration(existing.get(), false);
      }
      throw Refusal.conflict(
          "release "
              + candidate.tag()
              + " of "
              + candidate.app()
              + " is already registered with other digests or commit; release tags are immutable");
    }
    tx.insertRelease(candidate);
    tx.audit(
        candidate.registeredAt(),
        new AuditEntry(
            actor,
            "release.registered",
            candidate.app(),
            null,
            candidate.tag(),
            null,
            "commit " + candidate.commit() + ", " + digestsText(candidate)));
    return new Registration(candidate, true);
  }

  private AppDefinition validate(RegisterBuild build) {
    if (build.app() == null || build.app().isBlank()) {
      throw Refusal.invalid("app is required");
    }
    AppDefinition app =
        ports
            .pipeline()
            .app(build.app())
            .orElseThrow(() -> Refusal.invalid("unknown app \"" + build.app() + "\""));
    if (!Digests.isReleaseTag(build.tag())) {
      throw Refusal.invalid(
          "tag \""
              + build.tag()
              + "\" is not an immutable release tag: use YYYY.MM.DD.NNNN or a 40-hex commit SHA"
              + " (floating tags such as latest are refused)");
    }
    if (!Digests.isCommit(build.commit())) {
      throw Refusal.invalid("commit must be 7 to 40 lowercase hex digits");
    }
    if (build.digests() == null || build.digests().isEmpty()) {
      throw Refusal.invalid("digests are required: one per workload of " + app.name());
    }
    List<String> problems = new ArrayList<>();
    for (String workload : new TreeMap<>(build.digests()).keySet()) {
      if (app.workload(workload).isEmpty()) {
        problems.add("unknown workload \"" + workload + "\"");
      } else if (!Digests.isDigest(build.digests().get(workload))) {
        problems.add("digest of " + workload + " is not sha256: followed by 64 hex digits");
      }
    }
    for (Workload w : app.workloads()) {
      if (!build.digests().containsKey(w.name())) {
        problems.add("digest of workload " + w.name() + " is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw Refusal.invalid(String.join("; ", problems));
    }
    return app;
  }

  private void checkRegistry(AppDefinition app, RegisterBuild build) {
    List<String> problems = new ArrayList<>();
    try {
      for (Workload w : app.workloads()) {
        ImageRepository repo = ports.repositoryOf(app, w);
        String digest = build.digests().get(w.name());
        if (!ports.registry().exists(repo, digest)) {
          problems.add("image " + w.imageAt(digest) + " is not in registry " + repo.registry());
          continue;
        }
        Optional<String> tagged = ports.registry().resolve(repo, build.tag());
        if (tagged.isPresent() && !tagged.get().equals(digest)) {
          problems.add(
              w.repository()
                  + ":"
                  + build.tag()
                  + " points at "
                  + tagged.get()
                  + ", not at the registered digest "
                  + digest);
        }
      }
    } catch (PortException e) {
      // transient: CI may retry; terminal (credentials, configuration): retrying will not help
      String message = "could not check the registry: " + e.getMessage();
      throw e.retryable() ? Refusal.unavailable(message) : Refusal.invalid(message);
    }
    if (!problems.isEmpty()) {
      throw Refusal.invalid(String.join("; ", problems));
    }
  }

  static String digestsText(Release r) {
    StringBuilder b = new StringBuilder();
    r.digests()
        .forEach((w, d) -> b.append(b.length() == 0 ? "" : ", ").append(w).append('=').append(d));
    return b.toString();
  }
}
