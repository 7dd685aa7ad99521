package dev.baton.registry.ecr;

import dev.baton.registry.Manifests;
import dev.baton.registry.TestAdapters;
import java.time.Duration;
import java.util.UUID;

/** Manifests and adapters for the ECR tests. */
public final class EcrImages {
  static final String REGION = "eu-west-1";

  private EcrImages() {}

  /** A Docker v2 manifest with unique digests, formatted as ECR stores it (not compact JSON). */
  public static String manifest() {
    String config = Manifests.sha256(UUID.randomUUID().toString());
    String layer = Manifests.sha256(UUID.randomUUID().toString());
    return "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \""
        + Manifests.DOCKER_MANIFEST
        + "\",\n   \"config\": {\n      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n"
        + "      \"size\": 1512,\n      \"digest\": \""
        + config
        + "\"\n   },\n   \"layers\": [\n      {\n         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n"
        + "         \"size\": 2811478,\n         \"digest\": \""
        + layer
        + "\"\n      }\n   ]\n}";
  }

  /** An OCI index over two platform manifests (which need not exist for the stand-in). */
  static String index() {
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + Manifests.OCI_INDEX
        + "\",\"manifests\":[{\"mediaType\":\""
        + Manifests.OCI_MANIFEST
        + "\",\"digest\":\""
        + Manifests.sha256(UUID.randomUUID().toString())
        + "\",\"size\":500,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},{\"mediaType\":\""
        + Manifests.OCI_MANIFEST
        + "\",\"digest\":\""
        + Manifests.sha256(UUID.randomUUID().toString())
        + "\",\"size\":500,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
  }

  static EcrSettings settings(EcrStandIn standIn, String registryId) {
    return new EcrSettings(
        "aws",
        REGION,
        registryId,
        standIn.endpoint(),
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        Duration.ofSeconds(5),
        TestAdapters.FAST_RETRY);
  }

  static EcrRegistry open(EcrStandIn standIn) {
    return EcrRegistry.create(settings(standIn, EcrStandIn.ACCOUNT));
  }
}
