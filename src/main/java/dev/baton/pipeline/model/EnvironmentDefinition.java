package dev.baton.pipeline.model;

/**
 * One link of the chain.
 *
 * @param kubeconfig path of the kubeconfig file; null means in-cluster or the default
 * @param context kubeconfig context; null means the current one
 */
public record EnvironmentDefinition(
    String name, String kubeconfig, String context, String namespace, EnvironmentPolicy policy) {}
