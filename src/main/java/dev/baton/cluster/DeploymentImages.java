package dev.baton.cluster;

import dev.baton.pipeline.model.Workload;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.RunningWorkload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/** Reads and sets the image of a workload's container in its Deployment. */
final class DeploymentImages {
  private static final System.Logger LOG = System.getLogger(DeploymentImages.class.getName());
  static final String DEPLOYMENTS = "deployments";

  private final KubernetesCalls calls;

  DeploymentImages(KubernetesCalls calls) {
    this.calls = calls;
  }

  /** The Deployment, or null when it does not exist. */
  Deployment read(ClusterTarget target, String deployment) {
    return calls.call(
        target,
        ApiOperation.of("get", DEPLOYMENTS, deployment),
        () -> handle(target, deployment).get());
  }

  /** What runs for the workload, or null when its Deployment does not exist. */
  RunningWorkload running(ClusterTarget target, Workload w) {
    Deployment d = read(target, w.deployment());
    if (d == null) {
      return null;
    }
    String image = container(target, d, w).getImage();
    return new RunningWorkload(
        w.name(),
        image,
        ImageReference.pinnedDigest(image, w.repository()),
        RolloutStatus.of(d) instanceof RolloutStatus.Complete);
  }

  /** Sets the image (and annotations) unless the Deployment already has them; retried on 409. */
  void setImage(ClusterTarget target, Workload w, String image, Map<String, String> annotations) {
    ApiOperation patch = ApiOperation.of("patch", DEPLOYMENTS, w.deployment());
    calls.onFreshRead(
        target,
        patch,
        () -> {
          Deployment d = read(target, w.deployment());
          if (d == null) {
            throw missing(target, w);
          }
          container(target, d, w);
          int index = ImagePatch.containerIndex(d, w.container());
          List<Map<String, Object>> ops = ImagePatch.operations(d, index, image, annotations);
          if (ops.isEmpty()) {
            return null;
          }
          String before = d.getSpec().getTemplate().getSpec().getContainers().get(index).getImage();
          calls.call(
              target,
              patch,
              () ->
                  handle(target, w.deployment())
                      .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops)));
          LOG.log(
              Level.INFO,
              "{0} in {1}: container {2} image {3} -> {4}",
              w.deployment(),
              target.where(),
              w.container(),
              before,
              image);
          return null;
        });
  }

  /** The workload's container; a terminal error naming the containers there are otherwise. */
  static Container container(ClusterTarget target, Deployment d, Workload w) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    return containers.stream()
        .filter(c -> w.container().equals(c.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                PortException.terminal(
                    "Deployment "
                        + w.deployment()
                        + " in "
                        + target.where()
                        + " has no container \""
                        + w.container()
                        + "\" (it has: "
                        + String.join(", ", containers.stream().map(Container::getName).toList())
                        + "); fix the workload's container in baton.apps.*.workloads."
                        + w.name()));
  }

  static PortException missing(ClusterTarget target, Workload w) {
    return PortException.terminal(
        "Deployment "
            + w.deployment()
            + " of workload "
            + w.name()
            + " does not exist in "
            + target.where()
            + "; create it, or fix the workload's deployment name or the environment's namespace"
            + " in Baton's configuration");
  }

  static RollableScalableResource<Deployment> handle(ClusterTarget target, String deployment) {
    return target
        .client()
        .apps()
        .deployments()
        .inNamespace(target.namespace())
        .withName(deployment);
  }
}
