package dev.baton.registry.oci;

import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.pipeline.port.ImageRepository;
import dev.baton.registry.TestServices;
import dev.baton.registry.oci.ImagePusher.Pushed;
import dev.baton.registry.oci.ImagePusher.Style;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth against a real {@code docker-registry} with an htpasswd file. */
class OciBasicAuthTest {
  private static String url;
  private static String user;
  private static String password;
  private String path;
  private ImageRepository repo;
  private Pushed image;

  @BeforeAll
  static void connect() {
    url = TestServices.lookup(TestServices.REGISTRY_AUTH_URL);
    user = TestServices.lookup(TestServices.REGISTRY_AUTH_USER);
    password = TestServices.lookup(TestServices.REGISTRY_AUTH_PASSWORD);
  }

  @BeforeEach
  void pushOne() {
    TestServices.assumeSet(url, TestServices.REGISTRY_AUTH_URL);
    TestServices.assumeSet(password, TestServices.REGISTRY_AUTH_PASSWORD);
    path = "credreg/app-" + UUID.randomUUID().toString().substring(0, 8);
    repo = new ImageRepository("private", path);
    image = new ImagePusher(url, user, password).image(path, Style.OCI);
  }

  @Test
  void theRightPasswordChecksResolvesAndTags() {
    OciRegistry registry = open(user, password);

    assertThat(registry.exists(repo, image.digest())).isTrue();
    registry.tag(repo, image.digest(), "prod");
    assertThat(registry.resolve(repo, "prod")).contains(image.digest());
  }

  @Test
  void aWrongPasswordIsATerminalErrorNamingTheUserAndTheKeysButNoSecret() {
    OciRegistry registry = open(user, "not-the-password");

    for (Runnable call :
        new Runnable[] {
          () -> registry.exists(repo, image.digest()),
          () -> registry.resolve(repo, "prod"),
          () -> registry.tag(repo, image.digest(), "prod")
        }) {
      assertTerminal(call::run)
          .hasMessageContaining("registry private")
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("refused user '" + user + "'")
          .hasMessageContaining("baton.registries.private.password")
          .hasMessageContaining("BATON_REGISTRIES_PRIVATE_PASSWORD")
          .hasMessageNotContaining("not-the-password")
          .hasMessageNotContaining(password);
    }
  }

  @Test
  void noCredentialsIsATerminalErrorThatSaysWhichKeysToSet() {
    OciRegistry registry = open(null, null);

    assertTerminal(() -> registry.exists(repo, image.digest()))
        .hasMessageContaining("wants credentials")
        .hasMessageContaining("baton.registries.private.username");
  }

  private static OciRegistry open(String user, String password) {
    return OciRegistries.open(
        OciRegistries.settings("private", url, user, password, null), Clock.systemUTC());
  }
}
