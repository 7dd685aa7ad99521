package dev.baton.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Patch (RFC 6902) that sets one container's image and Baton's annotations on a
 * Deployment. JSON Patch, not a merge patch: a merge patch replaces or (on some servers) appends to
 * the whole containers list. The patch carries the resourceVersion that was read, so the API server
 * refuses it (409) if the Deployment changed in between — the container index it addresses can then
 * not point at another container. Only the image changes in the pod template; the annotations go on
 * the Deployment's own metadata, so they start no rollout.
 */
final class ImagePatch {
  /** The image the container ran before Baton changed it. */
  static final String PREVIOUS_IMAGE = "baton.dev/previous-image";

  private ImagePatch() {}

  /** The index of the named container, or -1. */
  static int containerIndex(Deployment d, String container) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    for (int i = 0; i < containers.size(); i++) {
      if (container.equals(containers.get(i).getName())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The operations, or an empty list when the Deployment already asks for {@code image} with these
   * annotations (setting an image is idempotent).
   */
  static List<Map<String, Object>> operations(
      Deployment d, int index, String image, Map<String, String> annotations) {
    String current = d.getSpec().getTemplate().getSpec().getContainers().get(index).getImage();
    Map<String, String> wanted = new TreeMap<>(annotations);
    if (!image.equals(current) && current != null) {
      wanted.put(PREVIOUS_IMAGE, current);
    }
    Map<String, String> existing = d.getMetadata().getAnnotations();
    List<Map<String, Object>> ops = new ArrayList<>();
    if (existing == null || existing.isEmpty()) {
      if (!wanted.isEmpty()) {
        ops.add(op("add", "/metadata/annotations", wanted));
      }
    } else {
      wanted.forEach(
          (k, v) -> {
            if (!v.equals(existing.get(k))) {
              ops.add(op("add", "/metadata/annotations/" + escape(k), v));
            }
          });
    }
    if (!image.equals(current)) {
      ops.add(op("replace", "/spec/template/spec/containers/" + index + "/image", image));
    }
    if (ops.isEmpty()) {
      return ops;
    }
    ops.add(0, op("replace", "/metadata/resourceVersion", d.getMetadata().getResourceVersion()));
    return ops;
  }

  /** JSON Pointer escaping (RFC 6901): {@code baton.dev/release} → {@code baton.dev~1release}. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }
}
