package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.api.model.apps.*;
import io.fabric8.kubernetes.client.*;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.*;
import org.junit.jupiter.api.Test;

class MockProbeTest {
  @Test
  void probe() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(true);
    server.init(java.net.InetAddress.getByName("127.0.0.1"), 0);
    KubernetesClient c = server.createClient();
    System.out.println("URL " + c.getConfiguration().getMasterUrl());
    Deployment d = new DeploymentBuilder().withNewMetadata().withName("main-app").withNamespace("ns").endMetadata()
      .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer().withName("app").withImage("a:1").endContainer().endSpec().endTemplate().endSpec().build();
    Deployment created = c.apps().deployments().inNamespace("ns").resource(d).create();
    System.out.println("created gen=" + created.getMetadata().getGeneration() + " rv=" + created.getMetadata().getResourceVersion());
    String rv = created.getMetadata().getResourceVersion();
    Deployment p = c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON),
      "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"a:2\"}]");
    System.out.println("patched gen=" + p.getMetadata().getGeneration() + " rv=" + p.getMetadata().getResourceVersion());
    try {
      c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + rv + "\"},{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"a:3\"}]");
      System.out.println("stale rv patch accepted: " + c.apps().deployments().inNamespace("ns").withName("main-app").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    } catch (KubernetesClientException e) { System.out.println("stale rv patch: " + e.getCode() + " " + e.getMessage()); }
    try {
      c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"test\",\"path\":\"/spec/template/spec/containers/0/name\",\"value\":\"xx\"}]");
      System.out.println("test op ignored");
    } catch (KubernetesClientException e) { System.out.println("failed test op: " + e.getCode() + " " + e.getMessage()); }
    Deployment cur = c.apps().deployments().inNamespace("ns").withName("main-app").get();
    cur.setStatus(new DeploymentStatusBuilder().withObservedGeneration(cur.getMetadata().getGeneration()).withReplicas(2).withUpdatedReplicas(2).withAvailableReplicas(2).build());
    Deployment st = c.apps().deployments().inNamespace("ns").resource(cur).updateStatus();
    System.out.println("status gen=" + st.getMetadata().getGeneration() + " rv=" + st.getMetadata().getResourceVersion() + " status=" + st.getStatus());
    // stale status update
    try {
      cur.getMetadata().setResourceVersion(rv);
      c.apps().deployments().inNamespace("ns").resource(cur).updateStatus();
      System.out.println("stale status update accepted");
    } catch (KubernetesClientException e) { System.out.println("stale updateStatus: " + e.getCode()); }
    // spec change via patch keeps status?
    Deployment p2 = c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON),
      "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"a:4\"}]");
    System.out.println("patched2 gen=" + p2.getMetadata().getGeneration() + " status=" + p2.getStatus());
    // annotations only
    Deployment p3 = c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON),
      "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"baton.dev/x\":\"1\"}}]");
    System.out.println("patched3 gen=" + p3.getMetadata().getGeneration() + " ann=" + p3.getMetadata().getAnnotations());
    // pods log
    c.pods().inNamespace("ns").resource(new PodBuilder().withNewMetadata().withName("job-1-abc").withLabels(java.util.Map.of("job-name","job-1")).endMetadata().build()).create();
    try { System.out.println("log=" + c.pods().inNamespace("ns").withName("job-1-abc").tailingLines(20).getLog()); }
    catch (KubernetesClientException e) { System.out.println("log: " + e.getCode() + " " + e.getMessage()); }
    // 404
    try { c.apps().deployments().inNamespace("ns").withName("nope").patch(PatchContext.of(PatchType.JSON), "[]"); }
    catch (KubernetesClientException e) { System.out.println("404 patch: " + e.getCode()); }
    System.out.println("get missing=" + c.apps().deployments().inNamespace("ns").withName("nope").get());
    // expectations in crud mode
    server.expect().patch().withPath("/apis/apps/v1/namespaces/ns/deployments/main-app").andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("conflict!").build()).once();
    try { c.apps().deployments().inNamespace("ns").withName("main-app").patch(PatchContext.of(PatchType.JSON), "[]"); System.out.println("no expectation hit"); }
    catch (KubernetesClientException e) { System.out.println("expectation: " + e.getCode()); }
    // job
    var job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("j").endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("m").withImage("x").endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec().build();
    var cj = c.batch().v1().jobs().inNamespace("ns").resource(job).create();
    System.out.println("job uid=" + cj.getMetadata().getUid() + " spec=" + cj.getSpec());
    try { c.batch().v1().jobs().inNamespace("ns").resource(job).create(); } catch (KubernetesClientException e) { System.out.println("dup job: " + e.getCode()); }
    server.destroy();
  }
}
