package dev.baton.registry.oci;

import static dev.baton.testing.PortFailures.assertTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.MutableClock;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.registry.oci.ImagePusher.Pushed;
import dev.baton.registry.oci.ImagePusher.Style;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bearer-token flow (as Docker Hub, GHCR, Harbor and Quay use it) through a small proxy in
 * front of the real registry that demands tokens from its own token service.
 */
class OciBearerAuthTest {
  @RegisterExtension static final RealRegistry REAL = new RealRegistry();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private RegistryProxy proxy;
  private String path;
  private ImageRepository repo;
  private Pushed image;

  @BeforeEach
  void start() throws IOException {
    proxy = REAL.proxy();
    proxy.bearer = true;
    proxy.user = "ci-bot";
    proxy.password = "token-service-secret";
    path = REAL.path;
    repo = REAL.repo("hub");
    image = REAL.pusher.image(path, Style.DOCKER);
  }

  @Test
  void readsAndARetagGoThroughTheTokenServiceAndTokensAreReused() {
    OciRegistry registry = open("ci-bot", "token-service-secret", null);

    assertThat(registry.exists(repo, image.digest())).isTrue();
    assertThat(registry.exists(repo, image.digest())).isTrue();
    assertThat(registry.resolve(repo, "prod")).isEmpty();
    assertThat(proxy.tokenRequests()).as("one pull token for all reads").isEqualTo(1);

    registry.tag(repo, image.digest(), "prod");
    registry.tag(repo, image.digest(), "latest");

    assertThat(proxy.tokenRequests()).as("plus one push token").isEqualTo(2);
    assertThat(registry.resolve(repo, "prod")).contains(image.digest());
  }

  @Test
  void anExpiredTokenIsReplaced() {
    proxy.expiresIn = 60;
    OciRegistry registry = open("ci-bot", "token-service-secret", null);
    registry.exists(repo, image.digest());

    clock.advance(Duration.ofMinutes(2));
    assertThat(registry.exists(repo, image.digest())).isTrue();

    assertThat(proxy.tokenRequests()).isEqualTo(2);
  }

  @Test
  void aTokenTheRegistryNoLongerAcceptsIsFetchedAgainOnce() {
    OciRegistry registry = open("ci-bot", "token-service-secret", null);
    registry.exists(repo, image.digest());

    proxy.revokeTokens();

    assertThat(registry.exists(repo, image.digest())).isTrue();
    assertThat(proxy.tokenRequests()).isEqualTo(2);
  }

  @Test
  void wrongCredentialsAtTheTokenServiceAreATerminalErrorWithoutTheSecret() {
    OciRegistry registry = open("ci-bot", "wrong-secret", null);

    assertTerminal(() -> registry.exists(repo, image.digest()))
        .hasMessageContaining("token service")
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("refused user 'ci-bot'")
        .hasMessageContaining("baton.registries.hub.password")
        .hasMessageNotContaining("wrong-secret");
    assertThat(proxy.tokenRequests()).as("not retried").isEqualTo(1);
  }

  @Test
  void aUserWithoutPushAccessGetsATerminalErrorThatSaysSo() {
    proxy.pushAllowed = false;
    OciRegistry registry = open("ci-bot", "token-service-secret", null);

    assertTerminal(() -> registry.tag(repo, image.digest(), "prod"))
        .hasMessageContaining(
            "refused the token its token service issued for repository:" + path + ":pull,push")
        .hasMessageContaining("User 'ci-bot' may not push to " + path);
    assertThat(registry.exists(repo, image.digest())).as("pulling still works").isTrue();
  }

  @Test
  void aStaticTokenIsSentAsIs() {
    proxy.staticToken = "static-token-value";
    OciRegistry registry = open(null, null, "static-token-value");

    registry.tag(repo, image.digest(), "prod");

    assertThat(registry.resolve(repo, "prod")).contains(image.digest());
    assertThat(proxy.tokenRequests()).isZero();
  }

  @Test
  void aRefusedStaticTokenSaysToRenewIt() {
    proxy.staticToken = "the-current-token";
    OciRegistry registry = open(null, null, "an-old-token");

    assertTerminal(() -> registry.exists(repo, image.digest()))
        .hasMessageContaining("baton.registries.hub.token")
        .hasMessageNotContaining("an-old-token");
  }

  @Test
  void aTagAlreadyAtTheDigestIsNotWrittenAgain() {
    OciRegistry registry = open("ci-bot", "token-service-secret", null);

    registry.tag(repo, image.digest(), "prod");
    int before = proxy.requests("").size();
    registry.tag(repo, image.digest(), "prod");

    assertThat(proxy.requests("").subList(before, proxy.requests("").size()))
        .containsExactly("HEAD /v2/" + path + "/manifests/prod");
  }

  private OciRegistry open(String user, String password, String token) {
    return OciRegistries.open(
        OciRegistries.settings("hub", proxy.url(), user, password, token), clock);
  }
}
