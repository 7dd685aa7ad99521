package dev.baton.gitops;

import dev.baton.config.AppProperties;
import dev.baton.pipeline.model.AppDefinition;
import dev.baton.pipeline.model.Workload;
import java.util.List;
import java.util.Map;

/** The workloads of an app as {@link ImageSpec}s, with their Git settings. */
final class ImageSpecs {
  private ImageSpecs() {}

  static List<ImageSpec> of(AppProperties props, AppDefinition app, Map<String, String> digests) {
    return app.workloads().stream().map(w -> spec(props, w, digests.get(w.name()))).toList();
  }

  private static ImageSpec spec(AppProperties props, Workload w, String digest) {
    AppProperties.WorkloadProperties p =
        props == null
            ? null
            : props.workloads().stream()
                .filter(x -> x.name().equals(w.name()))
                .findFirst()
                .orElse(null);
    String kustomize =
        p == null || p.kustomizeImage() == null ? w.repository() : p.kustomizeImage();
    String values = p == null ? null : p.helmValuesPath();
    return new ImageSpec(
        w.name(), w.deployment(), w.container(), w.repository(), kustomize, values, digest);
  }
}
