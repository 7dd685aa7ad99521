package dev.baton.pipeline.port;

/**
 * What the cluster runs for one workload.
 *
 * @param image the container's image reference as written in the Deployment
 * @param digest the {@code sha256:} digest when the image is pinned by digest, else null
 * @param rolloutComplete true when the rollout is complete and healthy
 */
public record RunningWorkload(
    String workload, String image, String digest, boolean rolloutComplete) {}
