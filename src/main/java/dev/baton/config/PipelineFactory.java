package dev.baton.config;

import dev.baton.pipeline.model.Pipeline;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the one {@link Pipeline} from {@code baton.chain}, {@code baton.environments} and {@code
 * baton.apps}. It is created with the context ({@link Context}), so an invalid configuration stops
 * startup at once, with a {@link ConfigurationError} that names every bad key.
 */
@Factory
public class PipelineFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineFactory.class);

  @Context
  Pipeline pipeline(
      ChainProperties chain,
      List<EnvironmentProperties> environments,
      List<AppProperties> apps,
      Environment environment) {
    try {
      return build(chain, environments, apps, environment);
    } catch (ConfigurationError e) {
      // Micronaut wraps this in a BeanInstantiationException with the injection path; the plain
      // list is what an operator needs to read first.
      LOG.error("{}", e.getMessage());
      throw e;
    }
  }

  static Pipeline build(
      ChainProperties chain,
      List<EnvironmentProperties> environments,
      List<AppProperties> apps,
      Environment environment) {
    Problems problems = new Problems();
    ConfigurationKeys.checkUnknown(environment, problems);
    new StrictValues(environment, problems).check(environments, apps);
    new SettingsCheck(environment, problems).check();
    List<EnvironmentProperties> ordered =
        EnvironmentRules.resolveChain(chain, environments, problems);
    EnvironmentRules.check(ordered, problems);
    AppRules.check(apps, ordered.stream().map(EnvironmentProperties::name).toList(), problems);
    GitRules.checkApps(ordered, apps, problems);
    ordered.forEach(e -> AnalysisRules.check(e, AnalysisRules.sharedWorkloads(apps), problems));
    AppAnalysisRules.check(apps, ordered, environment, problems);
    problems.throwIfAny();
    return PipelineAssembly.pipeline(ordered, apps, environment);
  }
}
