package dev.baton.config;

import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Pipeline;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Records every configuration load in the audit log: the chain, the apps, and a fingerprint of the
 * whole pipeline configuration, so that a policy change (say, prod's approvals going from 2 to 1)
 * is visible in the log as a changed fingerprint. The pipeline holds no secrets; only its hash and
 * names are written.
 */
@Singleton
public class ConfigurationAudit {
  private final PipelineCore core;

  public ConfigurationAudit(PipelineCore core) {
    this.core = core;
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    Pipeline pipeline = core.queries().pipeline();
    String detail =
        "chain "
            + pipeline.environments().stream()
                .map(EnvironmentDefinition::name)
                .collect(Collectors.joining(" → "))
            + "; apps "
            + (pipeline.apps().isEmpty() ? "none" : String.join(", ", pipeline.apps().keySet()))
            + "; fingerprint "
            + fingerprint(pipeline)
            + "; instance "
            + core.runner().ownerId();
    core.configurationLoaded(detail);
  }

  static String fingerprint(Pipeline pipeline) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(pipeline.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
