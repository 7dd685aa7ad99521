package dev.baton.config;

import dev.baton.pipeline.model.Migration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code baton.apps.<name>}: an app, its workloads, and optionally its migration and smoke checks.
 *
 * @param registry name of a configured registry; default {@code default}
 * @param channel Slack channel for this app's messages ({@code #name} or a {@code C…} ID)
 * @param workloads sorted by name
 * @param migration none when the app has no migration
 * @param smokeChecks in the order they are listed
 * @param source the app's source repository, for the compare link of approval requests
 * @param analysis per environment, the app's own metric analysis where it differs from the
 *     environment's; sorted by environment name
 */
@EachProperty("baton.apps")
public record AppProperties(
    @Parameter String name,
    @Nullable String registry,
    @Nullable String channel,
    @Nullable List<WorkloadProperties> workloads,
    @Nullable MigrationProperties migration,
    @Nullable List<SmokeCheckProperties> smokeChecks,
    @Nullable SourceProperties source,
    @Nullable List<AnalysisOverrideProperties> analysis) {
  public static final String PREFIX = "baton.apps";

  public AppProperties {
    registry = registry == null ? "default" : registry.strip();
    channel = Normalize.text(channel);
    workloads =
        Normalize.list(workloads).stream()
            .sorted(Comparator.comparing(WorkloadProperties::name))
            .toList();
    smokeChecks =
        Normalize.list(smokeChecks).stream()
            .sorted(Comparator.comparing(SmokeCheckProperties::index))
            .toList();
    analysis =
        Normalize.list(analysis).stream()
            .sorted(Comparator.comparing(AnalysisOverrideProperties::env))
            .toList();
  }

  /**
   * {@code baton.apps.<app>.analysis.<env>}: the app's metric analysis in one environment, where it
   * differs from the environment's. Every value left out is the environment's; the Prometheus
   * connection is always the environment's. Nothing has a default here, so that "absent" stays
   * visible until {@link AnalysisRules} merges it with the environment's values.
   *
   * @param env the map key: an environment of the chain
   * @param checks the app's checks there, replacing the environment's; none (or {@code checks: []})
   *     means no analysis and no metric-gated bake for the app there. Whether the key is there at
   *     all is read from the configuration, since an empty list binds like a missing one.
   */
  @EachProperty("analysis")
  public record AnalysisOverrideProperties(
      @Parameter String env,
      @Nullable Duration interval,
      @Nullable Duration duration,
      @Nullable Integer failureLimit,
      @Nullable List<OverrideCheckProperties> checks,
      @Nullable Boolean postDeploy,
      @Nullable Boolean bake) {
    public AnalysisOverrideProperties {
      checks =
          Normalize.list(checks).stream()
              .sorted(Comparator.comparing(OverrideCheckProperties::index))
              .toList();
    }

    /** {@code baton.apps.<app>.analysis.<env>.checks[<index>]}: like an environment's check. */
    @EachProperty(value = "checks", list = true)
    public record OverrideCheckProperties(
        @Parameter Integer index,
        @Nullable String name,
        @Nullable String query,
        @Nullable String successWhen,
        @Nullable String onEmpty)
        implements EnvironmentProperties.AnalysisProperties.CheckFields {
      public OverrideCheckProperties {
        name = Normalize.text(name);
        query = Normalize.text(query);
        successWhen = Normalize.text(successWhen);
        onEmpty = Normalize.text(onEmpty);
      }
    }
  }

  /**
   * {@code baton.apps.<app>.source}: where the app's commits live.
   *
   * @param url {@code https://…} of the repository; required when {@code source} is set
   * @param compare template with {@code {url}}, {@code {from}}, {@code {to}}; default derived for
   *     GitHub, GitLab and Bitbucket hosts
   */
  @ConfigurationProperties("source")
  public record SourceProperties(@Nullable String url, @Nullable String compare) {
    public SourceProperties {
      url = Normalize.text(url);
      compare = Normalize.text(compare);
    }
  }

  /** The full key of this app, e.g. {@code baton.apps.credreg}. */
  public String key() {
    return PREFIX + "." + name;
  }

  /**
   * {@code baton.apps.<app>.workloads.<name>}: one Deployment + container + image repository.
   *
   * @param deployment default: the workload's name
   * @param container required: the container whose image Baton sets
   * @param repository required: image repository without tag or digest
   * @param kustomizeImage on a {@code gitops} environment of format {@code kustomize}: the {@code
   *     name:} of the workload's entry under {@code images:}; default the repository
   * @param helmValuesPath on a {@code gitops} environment of format {@code helm-values}: the dotted
   *     YAML path whose value Baton sets to {@code repository@sha256:…}, e.g. {@code web.image}
   */
  @EachProperty("workloads")
  public record WorkloadProperties(
      @Parameter String name,
      @Nullable String deployment,
      @Nullable String container,
      @Nullable String repository,
      @Nullable String kustomizeImage,
      @Nullable String helmValuesPath) {
    public WorkloadProperties {
      kustomizeImage = Normalize.text(kustomizeImage);
      helmValuesPath = Normalize.text(helmValuesPath);
      deployment = deployment == null || deployment.isBlank() ? name : deployment.strip();
      container = Normalize.text(container);
      repository = Normalize.text(repository);
    }
  }

  /**
   * {@code baton.apps.<app>.migration}: a Job run with one workload's image at the release's
   * digest.
   *
   * @param phase default {@code before-rollout}
   * @param env extra environment variables; names keep their case
   * @param copyEnvFromDeployment default true
   * @param backoffLimit default 0: a failed migration is not retried
   * @param activeDeadline default 10m
   */
  @ConfigurationProperties("migration")
  public record MigrationProperties(
      @Nullable String workload,
      @Nullable Migration.Phase phase,
      @Nullable List<String> command,
      @Nullable
          @MapFormat(
              keyFormat = StringConvention.RAW,
              transformation = MapFormat.MapTransformation.FLAT)
          Map<String, String> env,
      @Nullable Boolean copyEnvFromDeployment,
      @Nullable String serviceAccount,
      @Nullable Integer backoffLimit,
      @Nullable Duration activeDeadline) {
    public MigrationProperties {
      workload = Normalize.text(workload);
      phase = phase == null ? Migration.Phase.BEFORE_ROLLOUT : phase;
      command = Normalize.list(command);
      env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
      copyEnvFromDeployment = copyEnvFromDeployment == null || copyEnvFromDeployment;
      serviceAccount = Normalize.text(serviceAccount);
      backoffLimit = backoffLimit == null ? 0 : backoffLimit;
      activeDeadline = activeDeadline == null ? Duration.ofMinutes(10) : activeDeadline;
    }
  }

  /**
   * {@code baton.apps.<app>.smoke-checks[<index>]}: an HTTP check after the rollout in one env.
   *
   * @param expectedStatus default 200
   * @param revisionField JSON field (dotted path) that must equal the release's commit or tag
   * @param deadline default 2m
   */
  @EachProperty(value = "smoke-checks", list = true)
  public record SmokeCheckProperties(
      @Parameter Integer index,
      @Nullable String env,
      @Nullable String url,
      @Nullable Integer expectedStatus,
      @Nullable String revisionField,
      @Nullable Duration deadline) {
    public SmokeCheckProperties {
      env = Normalize.text(env);
      url = Normalize.text(url);
      expectedStatus = expectedStatus == null ? 200 : expectedStatus;
      revisionField = Normalize.text(revisionField);
      deadline = deadline == null ? Duration.ofMinutes(2) : deadline;
    }
  }
}
