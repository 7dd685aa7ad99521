package dev.baton.gitops;

import java.util.Locale;

/** What Baton edits in an environment's folder ({@code git.format}). */
public enum GitFormat {
  KUSTOMIZE,
  HELM_VALUES,
  MANIFESTS;

  /** {@code kustomize}, {@code helm-values}, {@code manifests}. */
  public static GitFormat of(String configured) {
    return valueOf(configured.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
