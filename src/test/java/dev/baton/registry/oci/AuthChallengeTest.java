package dev.baton.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void aBearerChallengeKeepsCommasInsideQuotedValues() {
    var c =
        AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                    + "scope=\"repository:samalba/my-app:pull,push\",error=\"insufficient_scope\"")
            .orElseThrow();

    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.params())
        .isEqualTo(
            Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:samalba/my-app:pull,push",
                "error", "insufficient_scope"));
  }

  @Test
  void basicAndUnknownSchemes() {
    assertThat(AuthChallenge.parse("Basic realm=\"baton-test\"").orElseThrow().param("realm"))
        .isEqualTo("baton-test");
    assertThat(AuthChallenge.parse("Negotiate abc")).isEmpty();
    assertThat(AuthChallenge.parse("bearer realm=https://a/token").orElseThrow().param("realm"))
        .isEqualTo("https://a/token");
  }

  @Test
  void bearerIsChosenOverBasicWhenBothAreOffered() {
    var c = AuthChallenge.choose(List.of("Basic realm=\"r\"", "Bearer realm=\"https://a/token\""));

    assertThat(c).hasValueSatisfying(x -> assertThat(x.scheme()).isEqualTo("bearer"));
    assertThat(AuthChallenge.choose(List.of())).isEmpty();
  }
}
