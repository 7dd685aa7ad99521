package dev.baton.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One environment's cluster connection: the client and the namespace Baton works in.
 *
 * @param env the environment's name
 * @param context the kubeconfig context in use, or null (in-cluster, or the file's current one)
 */
record ClusterTarget(String env, String context, String namespace, KubernetesClient client) {

  /** For messages: {@code namespace credreg-prod (environment prod, context eu-prod)}. */
  String where() {
    return "namespace "
        + namespace
        + " (environment "
        + env
        + (context == null ? "" : ", context " + context)
        + ")";
  }
}
