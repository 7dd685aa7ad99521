package dev.baton.gitops;

/**
 * A value of a Helm {@code values.yaml} at a dotted path such as {@code web.image}: Baton writes
 * the full reference {@code repository@sha256:…} there (charts read it as {@code image: {{
 * .Values.web.image }}}); the path must exist, Baton never adds keys to a values file.
 */
final class HelmValues {
  private HelmValues() {}

  static String set(String text, String file, String path, String reference) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    t.setScalar(locate(t, path), reference, path);
    return t.render();
  }

  static String read(String text, String file, String path) {
    YamlTree t = new YamlTree(YamlLines.parse(text), file);
    return t.scalar(locate(t, path), path);
  }

  private static int locate(YamlTree t, String path) {
    int from = 0;
    int to = t.size();
    int line = -1;
    String seen = "";
    for (String key : path.split("\\.")) {
      if (line >= 0) {
        from = line + 1;
        to = t.end(line, to);
      }
      line = t.find(from, to, t.column(from, to), key);
      seen = seen.isEmpty() ? key : seen + "." + key;
      if (line < 0) {
        throw t.refused("no value at " + seen + " (helm-values-path " + path + ")");
      }
    }
    return line;
  }
}
