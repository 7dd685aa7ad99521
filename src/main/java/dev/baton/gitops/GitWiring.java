package dev.baton.gitops;

import dev.baton.config.AppProperties;
import dev.baton.config.EnvironmentProperties;
import dev.baton.pipeline.port.ManifestRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JGit repository when an environment promotes through Git; else none. */
@Factory
public class GitWiring {
  @Singleton
  @Secondary
  ManifestRepository manifests(List<EnvironmentProperties> environments, List<AppProperties> apps) {
    if (environments.stream().noneMatch(EnvironmentProperties::gitops)) {
      return ManifestRepository.NONE;
    }
    Map<String, EnvironmentProperties> envs = new LinkedHashMap<>();
    environments.forEach(e -> envs.put(e.name(), e));
    Map<String, AppProperties> byName = new LinkedHashMap<>();
    apps.forEach(a -> byName.put(a.name(), a));
    return new JGitManifestRepository(
        envs, byName, Path.of(System.getProperty("java.io.tmpdir"), "baton-git"));
  }
}
