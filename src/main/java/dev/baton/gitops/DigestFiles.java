package dev.baton.gitops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the workloads' images in one environment folder of one format. Every workload
 * must be found before anything is written, so a missing entry refuses the whole change.
 */
public final class DigestFiles {
  private static final List<String> KUSTOMIZATIONS =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final GitFormat format;
  private final String dir;

  public DigestFiles(GitFormat format, String dir) {
    this.format = format;
    this.dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }

  /** The files that change (path → new text); empty when they already hold these images. */
  public Map<String, String> edit(FileTree tree, List<ImageSpec> images) {
    Map<String, String> working = new LinkedHashMap<>();
    for (ImageSpec i : images) {
      String file = fileOf(tree, i, working);
      String text = working.computeIfAbsent(file, f -> tree.read(f).orElseThrow());
      working.put(file, setIn(text, file, i));
    }
    working.entrySet().removeIf(e -> tree.read(e.getKey()).orElseThrow().equals(e.getValue()));
    return working;
  }

  /** What the files name for each workload (workload → image text as written). */
  public Map<String, String> held(FileTree tree, List<ImageSpec> images) {
    Map<String, String> held = new LinkedHashMap<>();
    for (ImageSpec i : images) {
      String file = fileOf(tree, i, Map.of());
      String text = tree.read(file).orElseThrow();
      held.put(
          i.workload(),
          switch (format) {
            case KUSTOMIZE -> KustomizeImages.read(text, file, i.kustomizeName());
            case HELM_VALUES -> HelmValues.read(text, file, i.valuesPath());
            case MANIFESTS ->
                ManifestImages.read(text, file, i.deployment(), i.container()).orElseThrow();
          });
    }
    return held;
  }

  private String setIn(String text, String file, ImageSpec i) {
    return switch (format) {
      case KUSTOMIZE ->
          KustomizeImages.set(text, file, i.kustomizeName(), i.repository(), i.digest());
      case HELM_VALUES -> HelmValues.set(text, file, i.valuesPath(), i.reference());
      case MANIFESTS ->
          ManifestImages.set(text, file, i.deployment(), i.container(), i.reference())
              .orElseThrow();
    };
  }

  private String fileOf(FileTree tree, ImageSpec i, Map<String, String> working) {
    return switch (format) {
      case KUSTOMIZE ->
          KUSTOMIZATIONS.stream()
              .map(this::inDir)
              .filter(f -> tree.read(f).isPresent())
              .findFirst()
              .orElseThrow(() -> missing("no kustomization.yaml in " + dir));
      case HELM_VALUES -> yamlFile(tree) ? dir : existing(tree, inDir("values.yaml"));
      case MANIFESTS -> manifestOf(tree, i, working);
    };
  }

  private String manifestOf(FileTree tree, ImageSpec i, Map<String, String> working) {
    List<String> files = yamlFile(tree) ? List.of(dir) : tree.list(dir);
    for (String f : files) {
      if (!f.endsWith(".yaml") && !f.endsWith(".yml")) {
        continue;
      }
      String text = working.containsKey(f) ? working.get(f) : tree.read(f).orElseThrow();
      if (ManifestImages.read(text, f, i.deployment(), i.container()).isPresent()) {
        return f;
      }
    }
    throw missing("no Deployment " + i.deployment() + " in the manifests of " + dir);
  }

  private boolean yamlFile(FileTree tree) {
    return (dir.endsWith(".yaml") || dir.endsWith(".yml")) && tree.read(dir).isPresent();
  }

  private String existing(FileTree tree, String file) {
    if (tree.read(file).isEmpty()) {
      throw missing("no " + file + " in the repository");
    }
    return file;
  }

  private String inDir(String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private static EditRefused missing(String what) {
    return new EditRefused(what);
  }

  /** For messages: the format and folder. */
  @Override
  public String toString() {
    return format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " in " + dir;
  }
}
