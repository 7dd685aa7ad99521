package dev.baton.config;

import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.EnvironmentPolicy;
import dev.baton.pipeline.model.Pipeline;
import dev.baton.pipeline.model.Workload;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs at startup what the pipeline is, and what is not configured yet, so that a fresh install
 * says why it does nothing.
 */
@Singleton
public class PipelineStartupReport implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineStartupReport.class);
  private final Pipeline pipeline;
  private final boolean environmentsConfigured;

  PipelineStartupReport(Pipeline pipeline, Environment environment) {
    this.pipeline = pipeline;
    this.environmentsConfigured =
        !environment.getPropertyEntries(EnvironmentProperties.PREFIX).isEmpty();
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    warnings().forEach(LOG::warn);
    LOG.info("{}", summary());
  }

  /** One line: the chain with each environment's essentials, and the apps. */
  String summary() {
    String chain =
        pipeline.environments().stream().map(this::describe).collect(Collectors.joining(" → "));
    String apps =
        pipeline.apps().values().stream()
            .map(a -> a.name() + " (" + workloads(a) + ")")
            .collect(Collectors.joining(", "));
    return "Pipeline: " + chain + "; apps: " + (apps.isEmpty() ? "none" : apps);
  }

  /** What is not configured yet, or configured in a way worth a second look. */
  List<String> warnings() {
    List<String> lines = new ArrayList<>();
    if (!environmentsConfigured) {
      lines.add(
          "No environments configured (baton.environments): using the default chain"
              + " test → sandbox → prod with default policies (no auto-deploy, no approvals)."
              + " See docs/configuration.md");
    }
    if (pipeline.apps().isEmpty()) {
      lines.add(
          "No apps configured (baton.apps): Baton will accept no builds until one is."
              + " See docs/configuration.md and config/credreg.example.yml");
      return lines;
    }
    for (EnvironmentDefinition env :
        pipeline.environments().subList(1, pipeline.environments().size())) {
      EnvironmentPolicy p = env.policy();
      if (p.requiredApprovals() == 0 && p.deployers().isEmpty()) {
        lines.add(
            "baton.environments."
                + env.name()
                + ".policy: anyone may promote into "
                + env.name()
                + " without approval (required-approvals is 0 and deployers is empty)");
      }
    }
    return lines;
  }

  private String describe(EnvironmentDefinition env) {
    EnvironmentPolicy p = env.policy();
    List<String> facts = new ArrayList<>();
    if (p.autoDeploy()) {
      facts.add("auto-deploy");
    }
    facts.add(p.requiredApprovals() + (p.requiredApprovals() == 1 ? " approval" : " approvals"));
    if (!p.minimumBake().isZero()) {
      facts.add(human(p.minimumBake()) + " bake");
    }
    if (!p.pointerTags().isEmpty()) {
      facts.add("tags " + String.join(",", p.pointerTags()));
    }
    if (env.analysis().postDeployAnalysis()) {
      facts.add("metric analysis");
    }
    if (env.analysis().metricGatedBake()) {
      facts.add("metric-gated bake out of it");
    }
    List<String> own =
        pipeline.apps().values().stream()
            .filter(a -> a.analysis().containsKey(env.name()))
            .map(AppDefinition::name)
            .toList();
    if (!own.isEmpty()) {
      facts.add("own analysis for " + String.join(",", own));
    }
    return env.name() + " (" + String.join(", ", facts) + ")";
  }

  private static String workloads(AppDefinition app) {
    return app.workloads().stream().map(Workload::name).collect(Collectors.joining(", "));
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }
}
