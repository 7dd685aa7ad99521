package dev.baton.gitops;

/**
 * One workload's image as the files must hold it.
 *
 * @param kustomizeName the {@code images:} entry's {@code name:} (kustomize)
 * @param valuesPath the dotted path in {@code values.yaml} (helm-values)
 * @param digest {@code sha256:…}
 */
public record ImageSpec(
    String workload,
    String deployment,
    String container,
    String repository,
    String kustomizeName,
    String valuesPath,
    String digest) {
  public String reference() {
    return repository + "@" + digest;
  }
}
