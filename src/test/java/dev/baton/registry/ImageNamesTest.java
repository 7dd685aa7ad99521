package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNamesTest {
  private static final Set<String> HOSTS = Set.of("harbor.example.com", "localhost:5000");

  /** A repository becomes its path in the registry, or says why it cannot be in it. */
  @ParameterizedTest(name = "{0} → {1}{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "credreg/main-app                    | credreg/main-app |",
        "harbor.example.com/credreg/main-app | credreg/main-app |",
        "HARBOR.example.com/credreg/main-app | credreg/main-app |",
        "localhost:5000/a/b/c                | a/b/c            |",
        "library/nginx                       | library/nginx    |",
        "a_b__c--d/e.f                       | a_b__c--d/e.f    |",
        "ghcr.io/acme/app                    |                  | names the host ghcr.io",
        "localhost/acme/app                  |                  | names the host localhost",
        "Credreg/Main                        |                  | is not a valid repository name",
        "credreg//main                       |                  | is not a valid repository name",
        "credreg/main-                       |                  | is not a valid repository name",
        "harbor.example.com/                 |                  | is not a valid repository name"
      })
  void aRepositoryBecomesItsPathInTheRegistryOrSaysWhyNot(
      String repository, String path, String problem) {
    ImageNames.Path p = ImageNames.path(repository, HOSTS);
    if (path != null) {
      assertThat(p.value()).isEqualTo(path);
    } else {
      assertThat(p.problem()).contains(problem);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "sha256:" + "a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4, true",
    "sha256:ABC, false",
    "md5:0123, false",
    "latest, false"
  })
  void digests(String digest, boolean valid) {
    assertThat(ImageNames.isDigest(digest)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"prod, true", "v1.2.3_rc-1, true", "-prod, false", ".prod, false", "a b, false"})
  void tags(String tag, boolean valid) {
    assertThat(ImageNames.isTag(tag)).isEqualTo(valid);
  }
}
