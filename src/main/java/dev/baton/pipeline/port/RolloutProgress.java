package dev.baton.pipeline.port;

/** Progress of a rollout, reported while waiting, so that people can watch it. */
public record RolloutProgress(String workload, int desired, int updated, int available) {}
