package dev.baton.registry.ecr;

import static dev.baton.testing.PortFailures.assertRetryable;
import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.registry.Manifests;
import dev.baton.registry.TestAdapters;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ECR adapter against a local server that speaks ECR's JSON protocol. */
class EcrRegistryTest {
  private static final String UNKNOWN = "sha256:" + "0".repeat(64);
  private EcrStandIn ecr;
  private EcrRegistry registry;
  private String path;
  private ImageRepository repo;
  private String manifest;
  private String digest;

  @BeforeEach
  void start() throws IOException {
    ecr = new EcrStandIn();
    registry = EcrImages.open(ecr);
    path = "credreg/main-app-" + UUID.randomUUID().toString().substring(0, 8);
    repo = new ImageRepository("aws", path);
    manifest = EcrImages.manifest();
    digest = ecr.push(path, manifest, Manifests.DOCKER_MANIFEST);
  }

  @AfterEach
  void stop() {
    registry.close();
    ecr.close();
  }

  @Test
  void anImageIsFoundByDigestAndAMissingOneIsAFailureEntryNotAnError() {
    assertThat(registry.exists(repo, digest)).isTrue();
    assertThat(registry.exists(repo, UNKNOWN)).isFalse();

    JsonNode request = ecr.calls("BatchGetImage").get(0).body();
    assertThat(EcrStandIn.text(request, "registryId")).isEqualTo(EcrStandIn.ACCOUNT);
    assertThat(EcrStandIn.text(request, "repositoryName")).isEqualTo(path);
    assertThat(request.get("acceptedMediaTypes").values())
        .extracting(JsonNode::getStringValue)
        .containsExactlyInAnyOrderElementsOf(Manifests.MEDIA_TYPES);
  }

  @Test
  void aRetagPutsTheSameManifestStringWithItsMediaTypeAndDigest() {
    registry.tag(repo, digest, "prod");

    assertThat(ecr.tagOf(path, "prod")).isEqualTo(digest);
    JsonNode put = ecr.calls("PutImage").get(0).body();
    assertThat(EcrStandIn.text(put, "imageManifest")).isEqualTo(manifest);
    assertThat(EcrStandIn.text(put, "imageManifestMediaType")).isEqualTo(Manifests.DOCKER_MANIFEST);
    assertThat(EcrStandIn.text(put, "imageDigest")).isEqualTo(digest);
    assertThat(EcrStandIn.text(put, "imageTag")).isEqualTo("prod");
    assertThat(EcrStandIn.text(put, "registryId")).isEqualTo(EcrStandIn.ACCOUNT);
    assertThat(registry.resolve(repo, "prod")).contains(digest);
  }

  @Test
  void aMultiPlatformIndexKeepsItsMediaType() {
    String index = EcrImages.index();
    String indexDigest = ecr.push(path, index, Manifests.OCI_INDEX);

    registry.tag(repo, indexDigest, "prod");

    JsonNode put = ecr.calls("PutImage").get(0).body();
    assertThat(EcrStandIn.text(put, "imageManifest")).isEqualTo(index);
    assertThat(EcrStandIn.text(put, "imageManifestMediaType")).isEqualTo(Manifests.OCI_INDEX);
    assertThat(ecr.tagOf(path, "prod")).isEqualTo(indexDigest);
  }

  @Test
  void aTagAlreadyOnTheDigestIsNotWritten() {
    registry.tag(repo, digest, "prod");
    registry.tag(repo, digest, "prod");

    assertThat(ecr.calls("PutImage")).hasSize(1);
  }

  @Test
  void imageAlreadyExistsFromPutImageIsSuccess() {
    ecr.failNext("PutImage", 400, "ImageAlreadyExistsException", 1);

    registry.tag(repo, digest, "prod");

    assertThat(ecr.calls("PutImage")).hasSize(1);
  }

  @Test
  void anImmutableRepositoryIsATerminalErrorThatSaysWhatToChange() {
    registry.tag(repo, digest, "prod");
    String next = ecr.push(path, EcrImages.manifest(), Manifests.DOCKER_MANIFEST);
    ecr.repository(path).immutable = true;

    assertTerminal(() -> registry.tag(repo, next, "prod"))
        .hasMessageContaining("registry aws")
        .hasMessageContaining(path)
        .hasMessageContaining("ImageTagAlreadyExistsException")
        .hasMessageContaining("immutable")
        .hasMessageContaining("--image-tag-mutability MUTABLE")
        .hasMessageContaining("pointer-tags");
    assertThat(ecr.calls("PutImage")).hasSize(2);
    assertThat(ecr.tagOf(path, "prod")).isEqualTo(digest);
  }

  @Test
  void throttlingIsRetriedUntilItPasses() {
    ecr.failNext("BatchGetImage", 400, "ThrottlingException", 2);

    assertThat(registry.exists(repo, digest)).isTrue();

    assertThat(ecr.calls("BatchGetImage")).hasSize(3);
  }

  @Test
  void aServerErrorThatPersistsEndsAfterTheAttemptsWithARetryableError() {
    ecr.failNext(null, 500, "ServerException", 100);

    assertRetryable(() -> registry.tag(repo, digest, "prod"))
        .hasMessageContaining("registry aws (ECR " + EcrStandIn.ACCOUNT + " in eu-west-1)")
        .hasMessageContaining("tagging " + path + "@" + digest + " as prod")
        .hasMessageContaining("HTTP 500 ServerException")
        .hasMessageContaining("4 attempts");
    assertThat(ecr.calls("BatchGetImage")).hasSize(4);
    assertThat(ecr.calls("PutImage")).isEmpty();
  }

  @Test
  void aMissingImageOrRepositoryIsTerminalAndNotRetried() {
    assertTerminal(() -> registry.tag(repo, UNKNOWN, "prod"))
        .hasMessageContaining(
            path + "@" + UNKNOWN + " is not in ECR registry " + EcrStandIn.ACCOUNT)
        .hasMessageContaining("push the image first");
    ImageRepository missing = new ImageRepository("aws", "credreg/nope");
    assertTerminal(() -> registry.tag(missing, digest, "prod"))
        .hasMessageContaining("the repository credreg/nope does not exist");
    assertThat(ecr.calls("BatchGetImage")).hasSize(2);
  }

  @Test
  void accessDeniedNamesThePermissionAndIsNotRetried() {
    ecr.failNext("PutImage", 400, "AccessDeniedException", 1);

    assertTerminal(() -> registry.tag(repo, digest, "prod"))
        .hasMessageContaining("ecr:PutImage")
        .hasMessageNotContaining("wJalrXUtnFEMI");
    assertThat(ecr.calls("PutImage")).hasSize(1);
  }

  @Test
  void aRepositoryWrittenWithTheEcrHostUsesThatAccount() {
    EcrRegistry noAccount = EcrRegistry.create(EcrImages.settings(ecr, null));
    ImageRepository withHost =
        new ImageRepository("aws", "210987654321.dkr.ecr.eu-west-1.amazonaws.com/" + path);

    assertThat(noAccount.exists(withHost, digest)).isTrue();

    JsonNode request = ecr.calls("BatchGetImage").get(0).body();
    assertThat(EcrStandIn.text(request, "registryId")).isEqualTo("210987654321");
    assertThat(EcrStandIn.text(request, "repositoryName")).isEqualTo(path);
    assertThat(registry.repositoryProblem("210987654321.dkr.ecr.eu-west-1.amazonaws.com/a"))
        .hasValueSatisfying(p -> assertThat(p).contains("registry-id is " + EcrStandIn.ACCOUNT));
    assertThat(
            registry.repositoryProblem(EcrStandIn.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/a"))
        .hasValueSatisfying(p -> assertThat(p).contains("region us-east-1"));
    assertThat(registry.repositoryProblem("ghcr.io/acme/a")).isPresent();
    noAccount.close();
  }

  @Test
  void ecrThatCannotBeReachedIsARetryableError() {
    int port = TestAdapters.unusedPort();
    EcrSettings s = EcrImages.settings(ecr, EcrStandIn.ACCOUNT);
    EcrSettings down =
        new EcrSettings(
            s.name(),
            s.region(),
            s.registryId(),
            URI.create("http://127.0.0.1:" + port),
            s.accessKeyId(),
            s.secretAccessKey(),
            s.timeout(),
            s.retry());

    try (EcrRegistry unreachable = EcrRegistry.create(down)) {
      assertRetryable(() -> unreachable.exists(repo, digest))
          .hasMessageContaining("could not call ECR")
          .hasMessageContaining("4 attempts");
    }
  }
}
