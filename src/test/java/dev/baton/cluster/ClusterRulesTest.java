package dev.baton.cluster;

import static dev.baton.testing.Builders.aRelease;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.cluster.KubernetesErrors.Kind;
import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.model.Release;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The adapter's small pure rules: pinned digests, error kinds, revisions, JSON Pointer keys. */
class ClusterRulesTest {
  static final String D = Fixtures.digest("x");

  @ParameterizedTest(name = "{0} → pinned: {1}")
  @CsvSource({
    "credreg/main-app@DIGEST, true",
    "credreg/main-app:latest, false",
    "credreg/main-app:2026.11.22.0001@DIGEST, false",
    "other/main-app@DIGEST, false",
    "registry.example/credreg/main-app@DIGEST, false",
    "credreg/main-app@sha256:abc, false",
    "credreg/main-app, false"
  })
  void onlyTheWorkloadsOwnRepositoryAtADigestIsPinned(String image, boolean pinned) {
    String digest = ImageReference.pinnedDigest(image.replace("DIGEST", D), "credreg/main-app");
    assertThat(digest).isEqualTo(pinned ? D : null);
  }

  @ParameterizedTest(name = "HTTP {0} → {1}")
  @CsvSource({
    "401, UNAUTHORIZED",
    "403, FORBIDDEN",
    "404, NOT_FOUND",
    "409, CONFLICT",
    "408, TRANSIENT",
    "429, TRANSIENT",
    "500, TRANSIENT",
    "503, TRANSIENT",
    "504, TRANSIENT",
    "0, TRANSIENT",
    "-1, TRANSIENT",
    "400, REFUSED",
    "422, REFUSED"
  })
  void eachApiErrorHasOneKind(int code, Kind kind) {
    var e =
        new KubernetesClientException(
            "failure", code, new StatusBuilder().withCode(code).withMessage("m").build());
    assertThat(KubernetesErrors.classify(e)).isEqualTo(kind);
  }

  @Test
  void anInterruptedRequestIsNeitherRetriedNorReportedAsAFailure() {
    var e = new KubernetesClientException("interrupted", new InterruptedException());
    assertThat(KubernetesErrors.classify(e)).isEqualTo(Kind.INTERRUPTED);
  }

  @Test
  void annotationKeysAreEscapedAsJsonPointers() {
    assertThat(ImagePatch.escape("baton.dev/release")).isEqualTo("baton.dev~1release");
    assertThat(ImagePatch.escape("a~b/c")).isEqualTo("a~0b~1c");
  }

  @Test
  void aRevisionIsFoundByItsDottedPath() throws Exception {
    var json = new ObjectMapper().readTree("{\"build\":{\"git\":[{\"sha\":\"abc1234\"}]}}");
    assertThat(RevisionField.at(json, "build.git.0.sha").asText()).isEqualTo("abc1234");
    assertThat(RevisionField.at(json, "build.version")).isNull();
    assertThat(RevisionField.at(json, "build.git.1.sha")).isNull();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2026.11.22.0002, true",
    "2b7e151628aed2a6abf7158809cf4f3c762e7160, true",
    "2B7E151628AED2A6ABF7158809CF4F3C762E7160, true",
    "2b7e151, true",
    "2b7e15, false",
    "2b7e152, false",
    "2026.11.22.0001, false",
    "latest, false"
  })
  void theReportedRevisionIsTheReleasesTagOrCommit(String reported, boolean matches) {
    Release release =
        aRelease()
            .withTag("2026.11.22.0002")
            .withCommit("2b7e151628aed2a6abf7158809cf4f3c762e7160")
            .withDigests(Map.of())
            .registeredAt(Instant.EPOCH)
            .build();
    assertThat(RevisionField.matches(reported, release)).isEqualTo(matches);
  }

  @Test
  void theJobNameCarriesThePromotion() {
    assertThat(MigrationJobs.promotionOf("baton-migrate-credreg-1b4e28ba")).isEqualTo("1b4e28ba");
    assertThat(MigrationJobs.promotionOf("baton-migrate-credreg-api-p0000001"))
        .isEqualTo("p0000001");
  }
}
