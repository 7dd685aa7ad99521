package dev.baton.pipeline;

import java.util.Map;

/** CI's registration of one build: one digest per workload of the app. */
public record RegisterBuild(
    String app, String tag, String commit, String buildUrl, Map<String, String> digests) {}
