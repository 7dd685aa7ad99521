package dev.baton.pipeline.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.pipeline.model.EnvironmentDefinition;
import dev.baton.pipeline.model.Release;
import dev.baton.testing.Builders;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {
  private static final Release RELEASE =
      new Release(
          "credreg",
          "v1.4.2",
          "abc123",
          null,
          Map.of("main-app", "sha256:aaa", "worker-app", "sha256:bbb"),
          Instant.EPOCH,
          "ci");

  private static EnvironmentDefinition prod() {
    return Builders.anEnvironment("prod").build();
  }

  @Test
  void everyPlaceholderIsFilledFromTheReleaseAndTheEnvironment() {
    String q =
        "rate(http_requests_total{app=\"{{app}}\",env=\"{{env}}\",namespace=\"{{namespace}}\","
            + "version=\"{{ release }}\",image=~\".*@{{digest.worker-app}}\"}[5m])";
    assertThat(QueryTemplate.render(q, QueryTemplate.values(prod(), RELEASE)))
        .isEqualTo(
            "rate(http_requests_total{app=\"credreg\",env=\"prod\",namespace=\"credreg-prod\","
                + "version=\"v1.4.2\",image=~\".*@sha256:bbb\"}[5m])");
  }

  @Test
  void aQueryWithoutPlaceholdersStaysAsItIs() {
    assertThat(QueryTemplate.render("up == 1", Map.of())).isEqualTo("up == 1");
  }

  @Test
  void aPlaceholderWithoutValueIsRefused() {
    assertThatThrownBy(() -> QueryTemplate.render("x{{digest.other}}", Map.of()))
        .hasMessageContaining("{{digest.other}}");
  }

  @Test
  void unknownPlaceholdersAreListedForTheStartupCheck() {
    assertThat(
            QueryTemplate.unknownPlaceholders(
                "{{app}} {{apps}} {{digest.main-app}} {{digest.web}} {{release}}",
                Set.of("main-app")))
        .containsExactly("apps", "digest.web");
  }
}
