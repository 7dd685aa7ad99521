package dev.baton.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each format is edited on its image lines only: the expected text is the original with exactly
 * those lines changed (or one digest line added, one newTag line dropped), every other byte kept —
 * comments, odd indentation, quotes, CRLF line endings, key order.
 */
class ImageLinesEditTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private static ImageSpec web(String digest) {
    return new ImageSpec(
        "web", "credreg-web", "app", "ghcr.io/acme/web", "ghcr.io/acme/web", "web.image", digest);
  }

  private static ImageSpec worker(String digest) {
    return new ImageSpec(
        "worker",
        "credreg-worker",
        "worker",
        "ghcr.io/acme/worker",
        "worker",
        "worker.image",
        digest);
  }

  private static final class Tree implements FileTree {
    final Map<String, String> files = new TreeMap<>();

    Tree with(String path, String text) {
      files.put(path, text);
      return this;
    }

    @Override
    public Optional<String> read(String path) {
      return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> list(String dir) {
      return files.keySet().stream()
          .filter(p -> p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
          .toList();
    }
  }

  @Test
  void kustomizeSetsTheDigestDropsTheTagAndKeepsEverythingElse() {
    String original =
        """
        # prod overlay — owned by platform
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base   # the base
        images:
        # the web tier
        - name: "ghcr.io/acme/web"
          newTag: v1.4.2   # set by hand
        -   name: worker
            newName: ghcr.io/acme/old-worker
            digest: 'sha256:0000'
        """;
    String expected =
        """
        # prod overlay — owned by platform
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base   # the base
        images:
        # the web tier
        - name: "ghcr.io/acme/web"
          digest: %s
        -   name: worker
            newName: ghcr.io/acme/worker
            digest: '%s'
        """
            .formatted(D1, D2);
    Tree tree = new Tree().with("apps/credreg/prod/kustomization.yaml", original);

    Map<String, String> changed =
        new DigestFiles(GitFormat.KUSTOMIZE, "apps/credreg/prod")
            .edit(tree, List.of(web(D1), worker(D2)));

    assertThat(changed)
        .containsExactly(Map.entry("apps/credreg/prod/kustomization.yaml", expected));
    tree.with("apps/credreg/prod/kustomization.yaml", expected);
    assertThat(
            new DigestFiles(GitFormat.KUSTOMIZE, "apps/credreg/prod").held(tree, List.of(web(D1))))
        .containsEntry("web", "ghcr.io/acme/web@" + D1);
    assertThat(
            new DigestFiles(GitFormat.KUSTOMIZE, "apps/credreg/prod")
                .edit(tree, List.of(web(D1), worker(D2))))
        .as("already holds these digests: nothing to commit")
        .isEmpty();
  }

  @Test
  void kustomizeKeepsCrlfLineEndingsAndAddsTheDigestLineWithThem() {
    String original = "images:\r\n  - name: ghcr.io/acme/web\r\n    newName: ghcr.io/acme/web\r\n";
    String expected =
        "images:\r\n  - name: ghcr.io/acme/web\r\n    newName: ghcr.io/acme/web\r\n    digest: "
            + D1
            + "\r\n";

    assertThat(KustomizeImages.set(original, "k.yaml", "ghcr.io/acme/web", "ghcr.io/acme/web", D1))
        .isEqualTo(expected);
  }

  @Test
  void kustomizeRefusesAMissingEntryOrFlowStyleNamingTheFile() {
    assertThatThrownBy(
            () -> KustomizeImages.set("images:\n- name: other\n", "k.yaml", "web", "web", D1))
        .isInstanceOf(EditRefused.class)
        .hasMessage("k.yaml: no entry named web under images:");
    assertThatThrownBy(() -> KustomizeImages.set("resources: []\n", "k.yaml", "web", "web", D1))
        .hasMessageContaining("k.yaml: no images: list");
    assertThatThrownBy(
            () ->
                KustomizeImages.set(
                    "images: [{name: web, newTag: v1}]\n", "k.yaml", "web", "web", D1))
        .hasMessageContaining("flow style");
    assertThatThrownBy(
            () -> new DigestFiles(GitFormat.KUSTOMIZE, "apps/x").edit(new Tree(), List.of(web(D1))))
        .hasMessage("no kustomization.yaml in apps/x");
  }

  @Test
  void helmValuesSetsTheFullReferenceAtThePathKeepingQuotesAndComments() {
    String original =
        """
        # values for prod
        replicaCount: 3
        web:
            image: "ghcr.io/acme/web:v1"   # pinned
            resources: {limits: {cpu: 1}}
        worker:
          replicas: 2
          image: ghcr.io/acme/worker@sha256:0000
        image: not-this-one
        """;
    String expected =
        """
        # values for prod
        replicaCount: 3
        web:
            image: "ghcr.io/acme/web@%s"   # pinned
            resources: {limits: {cpu: 1}}
        worker:
          replicas: 2
          image: ghcr.io/acme/worker@%s
        image: not-this-one
        """
            .formatted(D1, D2);
    Tree tree = new Tree().with("prod/values.yaml", original);

    assertThat(
            new DigestFiles(GitFormat.HELM_VALUES, "prod").edit(tree, List.of(web(D1), worker(D2))))
        .containsExactly(Map.entry("prod/values.yaml", expected));
  }

  @Test
  void helmValuesRefusesAPathThatIsNotThere() {
    assertThatThrownBy(() -> HelmValues.set("web:\n  tag: v1\n", "values.yaml", "web.image", "x"))
        .isInstanceOf(EditRefused.class)
        .hasMessage("values.yaml: no value at web.image (helm-values-path web.image)");
    assertThatThrownBy(() -> HelmValues.set("web: v1\n", "values.yaml", "web.image", "x"))
        .hasMessageContaining("no value at web.image");
  }

  @Test
  void manifestsSetTheImageOfTheNamedContainerOfTheNamedDeploymentOnly() {
    String original =
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: credreg-web
        spec:
          ports: [{port: 80}]
        ---
        # the web Deployment
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: credreg-web
          labels: {app: web}
        spec:
          template:
            spec:
              initContainers:
              - name: app
                image: busybox:1.36
              containers:
                - name: sidecar
                  image: envoy:1.30
                - image: 'ghcr.io/acme/web:v1'  # app image
                  name: app
                  ports:
                    - containerPort: 8080
        """;
    String expected = original.replace("'ghcr.io/acme/web:v1'", "'ghcr.io/acme/web@" + D1 + "'");
    Tree tree =
        new Tree()
            .with("prod/service.yaml", "kind: Service\nmetadata:\n  name: x\n")
            .with("prod/web.yaml", original);

    assertThat(new DigestFiles(GitFormat.MANIFESTS, "prod").edit(tree, List.of(web(D1))))
        .containsExactly(Map.entry("prod/web.yaml", expected));
  }

  @Test
  void manifestsRefuseAMissingDeploymentOrContainer() {
    Tree tree =
        new Tree()
            .with(
                "prod/web.yaml",
                "kind: Deployment\nmetadata:\n  name: credreg-web\nspec:\n  template:\n    spec:\n"
                    + "      containers:\n      - name: other\n        image: x\n");

    assertThatThrownBy(
            () -> new DigestFiles(GitFormat.MANIFESTS, "prod").edit(tree, List.of(web(D1))))
        .isInstanceOf(EditRefused.class)
        .hasMessage("prod/web.yaml: Deployment credreg-web has no container named app");
    assertThatThrownBy(
            () -> new DigestFiles(GitFormat.MANIFESTS, "prod").edit(tree, List.of(worker(D1))))
        .hasMessage("no Deployment credreg-worker in the manifests of prod");
  }
}
