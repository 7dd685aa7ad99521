package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test playing Kubernetes' Job controller: starts a pod for each new Job, then marks the Job
 * Complete, or Failed with a pod whose log (served by the mock) says why.
 */
public final class FakeJobController implements AutoCloseable {
  public static final String FAILURE_LOG =
      "applying V42__add_index.sql\nERROR: relation \"tenants\" does not exist\n";

  private final MockApi api;
  private final String namespace;
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final ControllerLoop loop;
  private volatile boolean failAll;

  public FakeJobController(MockApi api, String namespace, Duration step) {
    this.api = api;
    this.namespace = namespace;
    this.loop = new ControllerLoop("fake-job-controller-" + namespace, step, this::round);
  }

  /** Every Job from now on fails. */
  public void failEverything() {
    failAll = true;
  }

  /** Every Job from now on succeeds again. */
  public void succeedFromNowOn() {
    failAll = false;
  }

  private void round() {
    api.client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::advance);
  }

  private void advance(Job job) {
    String name = job.getMetadata().getName();
    if (job.getStatus() != null && !job.getStatus().getConditions().isEmpty()) {
      return;
    }
    if (started.add(name)) {
      boolean fail = failAll;
      failing.put(name, fail);
      startPod(job, fail);
      job.setStatus(new JobStatusBuilder().withActive(1).build());
    } else {
      boolean fail = failing.get(name);
      job.setStatus(
          new JobStatusBuilder()
              .withFailed(fail ? 1 : 0)
              .withSucceeded(fail ? 0 : 1)
              .withConditions(
                  new JobConditionBuilder()
                      .withType(fail ? "Failed" : "Complete")
                      .withStatus("True")
                      .withReason(fail ? "BackoffLimitExceeded" : null)
                      .withMessage(fail ? "Job has reached the specified backoff limit" : null)
                      .build())
              .build());
    }
    api.client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
  }

  private void startPod(Job job, boolean fail) {
    String pod = job.getMetadata().getName() + "-x7k2p";
    // the log is served before the pod exists, so that no reader can ask for it too early
    serveLog(api.server, namespace, pod, fail ? FAILURE_LOG : "migrated\n");
    api.client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(pod)
                .addToLabels("job-name", job.getMetadata().getName())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus()
                .withPhase(fail ? "Failed" : "Succeeded") // as the kubelet leaves it
                .addNewContainerStatus()
                .withName(MigrationJobs.CONTAINER)
                .withNewState()
                .withNewTerminated()
                .withExitCode(fail ? 1 : 0)
                .withReason(fail ? "Error" : "Completed")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
  }

  static void serveLog(KubernetesMockServer server, String namespace, String pod, String log) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + namespace
                + "/pods/"
                + pod
                + "/log?pretty=false&container=migrate&tailLines=5")
        .andReturn(200, log)
        .always();
  }

  public List<String> jobs() {
    return List.copyOf(started);
  }

  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
