package dev.baton.gitops;

import java.util.Optional;

/**
 * The container {@code image:} of a Deployment in plain manifests: the document of {@code kind:
 * Deployment} with {@code metadata.name} the workload's Deployment, its {@code
 * spec.template.spec.containers} entry of the workload's container. A file may hold several
 * documents ({@code ---}).
 */
final class ManifestImages {
  private ManifestImages() {}

  /** The edited text, or empty when the file holds no such Deployment. */
  static Optional<String> set(
      String text, String file, String deployment, String container, String reference) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    return image(t, deployment, container)
        .map(
            i -> {
              t.setScalar(i, reference, "the image of container " + container);
              return t.render();
            });
  }

  static Optional<String> read(String text, String file, String deployment, String container) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    return image(t, deployment, container).map(i -> t.scalar(i, "image"));
  }

  private static Optional<Integer> image(YamlTree t, String deployment, String container) {
    for (int[] doc : t.documents()) {
      if (isDeployment(t, doc[0], doc[1], deployment)) {
        int containers = path(t, doc[0], doc[1], "spec", "template", "spec", "containers");
        if (containers < 0) {
          throw t.refused("Deployment " + deployment + " has no spec.template.spec.containers");
        }
        for (int[] item : t.items(containers + 1, t.end(containers, doc[1]), "containers")) {
          int col = t.line(item[0]).keyCol();
          int name = t.find(item[0], item[1], col, "name");
          if (name >= 0 && container.equals(t.scalar(name, "containers[].name"))) {
            int image = t.find(item[0], item[1], col, "image");
            if (image < 0) {
              throw t.refused("container " + container + " of " + deployment + " has no image:");
            }
            return Optional.of(image);
          }
        }
        throw t.refused("Deployment " + deployment + " has no container named " + container);
      }
    }
    return Optional.empty();
  }

  private static boolean isDeployment(YamlTree t, int from, int to, String name) {
    int col = t.column(from, to);
    int kind = t.find(from, to, col, "kind");
    if (kind < 0 || !"Deployment".equals(YamlLines.unquote(t.line(kind).value()))) {
      return false;
    }
    int n = path(t, from, to, "metadata", "name");
    return n >= 0 && name.equals(YamlLines.unquote(t.line(n).value()));
  }

  /** The line of the nested key, or -1. */
  private static int path(YamlTree t, int from, int to, String... keys) {
    int line = -1;
    for (String key : keys) {
      if (line >= 0) {
        from = line + 1;
        to = t.end(line, to);
      }
      line = t.find(from, to, t.column(from, to), key);
      if (line < 0) {
        return -1;
      }
    }
    return line;
  }
}
