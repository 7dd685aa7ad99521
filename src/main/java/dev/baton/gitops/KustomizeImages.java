package dev.baton.gitops;

/**
 * The {@code images:} entries of a {@code kustomization.yaml}. Setting a workload's image writes
 * its {@code digest:} and drops its {@code newTag:}, as {@code kustomize edit set image
 * name=repo@digest} does, so the image kustomize renders is exactly {@code repository@digest};
 * {@code newName:} is set to the repository when the entry's name differs from it.
 */
final class KustomizeImages {
  private KustomizeImages() {}

  /** {@code text} with the entry named {@code name} pointing at {@code repository@digest}. */
  static String set(String text, String file, String name, String repository, String digest) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    int[] item = entry(t, name);
    setKey(t, item, "digest", digest, -1);
    item = entry(t, name);
    int tag = t.find(item[0], item[1], t.line(item[0]).keyCol(), "newTag");
    if (tag >= 0) {
      t.remove(tag);
      item = entry(t, name);
    }
    int col = t.line(item[0]).keyCol();
    int newName = t.find(item[0], item[1], col, "newName");
    if (newName >= 0 || !name.equals(repository)) {
      setKey(t, item, "newName", repository, t.find(item[0], item[1], col, "name"));
    }
    return t.render();
  }

  /** The image the entry named {@code name} renders: {@code newName or name}, then tag/digest. */
  static String read(String text, String file, String name) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    int[] item = entry(t, name);
    int col = t.line(item[0]).keyCol();
    String repo = value(t, item, col, "newName", name);
    String digest = value(t, item, col, "digest", null);
    String tag = value(t, item, col, "newTag", null);
    return repo + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  private static String value(YamlTree t, int[] item, int col, String key, String otherwise) {
    int i = t.find(item[0], item[1], col, key);
    return i < 0 ? otherwise : t.scalar(i, "images[name=" + item[0] + "]." + key);
  }

  /** Sets {@code key} in the item, adding the line after line {@code after} when missing. */
  private static void setKey(YamlTree t, int[] item, String key, String value, int after) {
    int col = t.line(item[0]).keyCol();
    int i = t.find(item[0], item[1], col, key);
    if (i >= 0) {
      t.setScalar(i, value, "images entry " + key);
    } else {
      int at = after >= 0 ? after : t.last(item[0], item[1]);
      t.insertAfter(at, " ".repeat(col) + key + ": " + value);
    }
  }

  private static int[] entry(YamlTree t, String name) {
    int col = t.column(0, t.size());
    int images = t.find(0, t.size(), col, "images");
    if (images < 0) {
      throw t.refused("no images: list (Baton sets the digest of the entry named " + name + ")");
    }
    if (!t.line(images).value().isEmpty()) {
      throw t.refused("images: is written in flow style; Baton edits a block list (- name: …)");
    }
    int end = t.end(images, t.size());
    for (int[] item : t.items(images + 1, end, "images")) {
      int n = t.find(item[0], item[1], t.line(item[0]).keyCol(), "name");
      if (n >= 0 && name.equals(t.scalar(n, "images[].name"))) {
        return item;
      }
    }
    throw t.refused("no entry named " + name + " under images:");
  }
}
