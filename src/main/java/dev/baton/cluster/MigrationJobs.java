package dev.baton.cluster;

import dev.baton.pipeline.model.Migration;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds migration Jobs and reads their outcome; pure functions over the Kubernetes model. */
final class MigrationJobs {
  static final String CONTAINER = "migrate";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String PROMOTION = "baton.dev/promotion";
  static final String APP = "baton.dev/app";
  static final String IMAGE = "baton.dev/image";

  private MigrationJobs() {}

  /**
   * The Job that runs {@code migration} with {@code image}.
   *
   * @param source the workload's container in its Deployment (env to copy), or null
   * @param sourcePod the Deployment's pod spec (service account, pull secrets), or null
   */
  static Job build(
      String jobName,
      String app,
      Migration migration,
      String image,
      Container source,
      PodSpec sourcePod,
      Duration ttlAfterFinished) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, "baton");
    labels.put(APP, app);
    labels.put(PROMOTION, promotionOf(jobName));
    String serviceAccount =
        migration.serviceAccount() != null || sourcePod == null
            ? migration.serviceAccount()
            : sourcePod.getServiceAccountName();
    Container container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(image)
            .withCommand(migration.command())
            .withEnv(env(migration, source))
            .withEnvFrom(
                migration.copyEnvFromDeployment() && source != null
                    ? source.getEnvFrom()
                    : List.of())
            .build();
    return new JobBuilder()
        .withNewMetadata()
        .withName(jobName)
        .withLabels(labels)
        .addToAnnotations(IMAGE, image)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(migration.backoffLimit())
        .withActiveDeadlineSeconds(
            migration.activeDeadline() == null ? null : migration.activeDeadline().toSeconds())
        .withTtlSecondsAfterFinished((int) ttlAfterFinished.toSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(serviceAccount)
        .withImagePullSecrets(sourcePod == null ? List.of() : sourcePod.getImagePullSecrets())
        .withContainers(container)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The Deployment's env (when copied), then the configured env, which wins on equal names. */
  static List<EnvVar> env(Migration migration, Container source) {
    Map<String, EnvVar> byName = new LinkedHashMap<>();
    if (migration.copyEnvFromDeployment() && source != null && source.getEnv() != null) {
      source.getEnv().forEach(e -> byName.put(e.getName(), e));
    }
    new TreeMap<>(migration.env())
        .forEach((k, v) -> byName.put(k, new EnvVarBuilder().withName(k).withValue(v).build()));
    return new ArrayList<>(byName.values());
  }

  /**
   * The promotion the core encoded into the Job name ({@code baton-migrate-<app>-<id prefix>}). The
   * Cluster port does not pass the promotion id itself; see docs/kubernetes.md.
   */
  static String promotionOf(String jobName) {
    String last = jobName.substring(jobName.lastIndexOf('-') + 1);
    return last.isEmpty() ? "unknown" : last;
  }

  /** The image the Job's migration container runs. */
  static String imageOf(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> CONTAINER.equals(c.getName()))
        .findFirst()
        .orElse(job.getSpec().getTemplate().getSpec().getContainers().get(0))
        .getImage();
  }

  /** Where a Job stands, from its conditions. */
  sealed interface Outcome {
    record Running() implements Outcome {}

    record Succeeded() implements Outcome {}

    record Failed(String reason, String message) implements Outcome {}
  }

  static Outcome outcome(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return new Outcome.Running();
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if (!"True".equals(c.getStatus())) {
        continue;
      }
      if ("Complete".equals(c.getType())) {
        return new Outcome.Succeeded();
      }
      if ("Failed".equals(c.getType())) {
        return new Outcome.Failed(c.getReason(), c.getMessage());
      }
    }
    return new Outcome.Running();
  }
}
