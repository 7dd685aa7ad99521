package dev.baton.cluster;

import dev.baton.pipeline.port.PortException;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;

/** What a failed migration's pod says: its container's state and the tail of its log. */
final class MigrationLogs {
  private static final int MAX_CHARS = 1500;
  private final KubernetesCalls calls;
  private final int lines;

  MigrationLogs(KubernetesCalls calls, int lines) {
    this.calls = calls;
    this.lines = lines;
  }

  /** A sentence or two for the failure message; never throws. */
  String tail(ClusterTarget target, String jobName) {
    Pod pod;
    try {
      pod = newestPod(target, jobName);
    } catch (PortException e) {
      return "Baton could not list the Job's pods: " + e.getMessage() + ".";
    }
    if (pod == null) {
      return "The Job has no pod (it may never have been scheduled).";
    }
    String name = pod.getMetadata().getName();
    String state = state(pod);
    if (lines == 0) {
      return "Pod " + name + state + ".";
    }
    try {
      String log =
          calls.call(
              target,
              ApiOperation.of("get", "pods/log", name),
              () ->
                  target
                      .client()
                      .pods()
                      .inNamespace(target.namespace())
                      .withName(name)
                      .inContainer(MigrationJobs.CONTAINER)
                      .tailingLines(lines)
                      .getLog());
      return "Pod " + name + state + "; last lines of its log:\n" + clip(log);
    } catch (PortException e) {
      return "Pod " + name + state + "; Baton could not read its log: " + e.getMessage() + ".";
    }
  }

  private Pod newestPod(ClusterTarget target, String jobName) {
    List<Pod> pods =
        calls.call(
            target,
            ApiOperation.of("list", "pods", null),
            () ->
                target
                    .client()
                    .pods()
                    .inNamespace(target.namespace())
                    .withLabel("job-name", jobName)
                    .list()
                    .getItems());
    return pods.stream()
        .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
        .orElse(null);
  }

  /** {@code (exit code 1, Error)} or {@code (waiting: ImagePullBackOff …)}, or empty. */
  private static String state(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return "";
    }
    for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
      ContainerState s = cs.getState();
      if (s == null) {
        continue;
      }
      if (s.getTerminated() != null) {
        return " (exit code "
            + s.getTerminated().getExitCode()
            + (s.getTerminated().getReason() == null ? "" : ", " + s.getTerminated().getReason())
            + ")";
      }
      if (s.getWaiting() != null) {
        return " (waiting: "
            + s.getWaiting().getReason()
            + (s.getWaiting().getMessage() == null ? "" : " " + s.getWaiting().getMessage())
            + ")";
      }
    }
    return "";
  }

  private static String clip(String log) {
    String text = log == null ? "" : log.strip();
    if (text.isEmpty()) {
      return "(empty)";
    }
    return text.length() <= MAX_CHARS ? text : "…" + text.substring(text.length() - MAX_CHARS);
  }
}
