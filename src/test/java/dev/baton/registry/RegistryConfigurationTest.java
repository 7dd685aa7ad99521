package dev.baton.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.ConfigurationError;
import dev.baton.fakes.FakeRegistry;
import dev.baton.pipeline.port.ImageRepository;
import dev.baton.pipeline.port.PortException;
import dev.baton.pipeline.port.Registry;
import dev.baton.registry.ecr.EcrImages;
import dev.baton.registry.ecr.EcrSettings;
import dev.baton.registry.ecr.EcrStandIn;
import dev.baton.registry.oci.OciSettings;
import dev.baton.testing.InProcessBaton;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code baton.registries}: what starts, what is refused (with which key), and the routing. */
class RegistryConfigurationTest {
  private static final String SECRET = "hunter2-very-secret";

  @Test
  void aFreshMachineStartsAndACallSaysWhatToConfigure() {
    try (ApplicationContext ctx = run(Map.of())) {
      Registry registry = ctx.getBean(Registry.class);

      assertThat(registry).isInstanceOf(RegistryRouter.class);
      assertThat(((RegistryRouter) registry).names()).isEmpty();
      assertThatThrownBy(
              () ->
                  registry.exists(
                      new ImageRepository("default", "credreg/main-app"),
                      "sha256:" + "a".repeat(64)))
          .isInstanceOfSatisfying(PortException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining(
              "no registry named default is configured (baton.registries.default)");
    }
  }

  @Test
  void bothKindsStartAndCallsGoToTheRegistryTheAppNames() throws Exception {
    try (EcrStandIn ecr = new EcrStandIn()) {
      String digest = ecr.push("credreg/main-app", EcrImages.manifest(), Manifests.DOCKER_MANIFEST);
      Map<String, Object> p = new HashMap<>();
      p.put("baton.registries.local.type", "oci");
      p.put("baton.registries.local.url", "http://127.0.0.1:5000");
      p.put("baton.registries.local.insecure", "true");
      p.put("baton.registries.aws.type", "ecr");
      p.put("baton.registries.aws.region", "eu-west-1");
      p.put("baton.registries.aws.registry-id", "123456789012");
      p.put("baton.registries.aws.endpoint", ecr.endpoint().toString());
      p.put("baton.registries.aws.insecure", "true");
      p.put("baton.registries.aws.access-key-id", "AKIDEXAMPLE");
      p.put("baton.registries.aws.secret-access-key", SECRET);
      p.put("baton.registries.aws.retry.max-attempts", "2");
      p.put("baton.registries.aws.retry.base-delay", "10ms");
      p.putAll(app("aws", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/credreg/main-app"));

      try (ApplicationContext ctx = run(p)) {
        RegistryRouter router = (RegistryRouter) ctx.getBean(Registry.class);

        assertThat(router.names()).containsExactly("aws", "local");
        assertThat(router.exists(new ImageRepository("aws", "credreg/main-app"), digest)).isTrue();
      }
    }
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        bad(Map.of("url", "https://r.example"), "baton.registries.r.type: is required: oci or ecr"),
        bad(Map.of("type", "gcr"), "baton.registries.r.type: 'gcr' is not oci or ecr"),
        bad(Map.of("type", "oci"), "baton.registries.r.url: is required"),
        bad(
            oci("http://10.0.0.5:5000"),
            "baton.registries.r.url: 'http://10.0.0.5:5000' is plain http: use https, or set insecure: true"),
        bad(
            oci("https://r.example", "insecure", "true"),
            "baton.registries.r.insecure: only allows a plain http URL"),
        bad(
            oci("https://r.example/v2/"),
            "baton.registries.r.url: 'https://r.example/v2/' must be just scheme, host and port"),
        bad(
            oci("ftp://r.example"),
            "baton.registries.r.url: 'ftp://r.example' is not an http(s) URL"),
        bad(
            oci("https://ci:" + SECRET + "@r.example"),
            "baton.registries.r.url: must not contain credentials"),
        bad(
            oci("https://r.example", "username", "ci"),
            "baton.registries.r.password: is required with username (e.g. as BATON_REGISTRIES_R_PASSWORD)"),
        bad(
            oci("https://r.example", "password", SECRET),
            "baton.registries.r.username: is required with password"),
        bad(
            oci("https://r.example", "token", SECRET, "username", "ci", "password", SECRET),
            "baton.registries.r.token: set either token or username and password"),
        bad(
            oci("https://r.example", "region", "eu-west-1"),
            "baton.registries.r.region: is not used by a registry of type oci"),
        bad(
            Map.of("type", "ecr", "url", "https://r.example"),
            "baton.registries.r.url: is not used by a registry of type ecr"),
        bad(
            Map.of("type", "ecr", "region", "Europe"),
            "baton.registries.r.region: 'Europe' is not an AWS region"),
        bad(
            Map.of("type", "ecr", "region", "eu-west-1", "registry-id", "12345"),
            "baton.registries.r.registry-id: '12345' is not a 12-digit AWS account ID"),
        bad(
            Map.of("type", "ecr", "region", "eu-west-1", "access-key-id", "AKID"),
            "baton.registries.r.secret-access-key: access-key-id and secret-access-key are set together"),
        bad(
            Map.of("type", "ecr", "region", "eu-west-1", "endpoint", "http://127.0.0.1:4566"),
            "baton.registries.r.endpoint: 'http://127.0.0.1:4566' is plain http"),
        bad(
            Map.of("type", "ecr", "region", "eu-west-1", "insecure", "true"),
            "baton.registries.r.insecure: only allows a plain http endpoint"),
        bad(
            oci("http://127.0.0.1:5000", "insecure", "yes"),
            "baton.registries.r.insecure: 'yes' is not true or false"),
        bad(
            oci("https://r.example", "timeout", "banana"),
            "baton.registries.r.timeout: 'banana' is not a duration"),
        bad(
            oci("https://r.example", "timeout", "0s"),
            "baton.registries.r.timeout: must be positive"),
        bad(
            oci("https://r.example", "retry.max-attempts", "0"),
            "baton.registries.r.retry.max-attempts: is 0; it must be 1 to 10"),
        bad(
            oci("https://r.example", "retry.max-attempts", "many"),
            "baton.registries.r.retry.max-attempts: 'many' is not a whole number"),
        bad(
            oci("https://r.example", "retry.base-delay", "5s", "retry.max-delay", "1s"),
            "baton.registries.r.retry.max-delay: must be at least base-delay"),
        bad(oci("https://r.example", "pasword", SECRET), "baton.registries.r.pasword: unknown key"),
        bad(
            oci("https://r.example", "retry.attempts", "3"),
            "baton.registries.r.retry.attempts: unknown key"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badConfigurations")
  void aBadRegistryIsRefusedWithItsKeyAndNeverItsSecret(
      Map<String, Object> registry, String expected) {
    Map<String, Object> p = new HashMap<>();
    registry.forEach((k, v) -> p.put("baton.registries.r." + k, v));

    ConfigurationError error = problems(p);

    assertThat(error.problems()).anySatisfy(line -> assertThat(line).startsWith(expected));
    assertThat(error.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, Object> p = new HashMap<>();
    p.put("baton.registries.a.type", "oci");
    p.put("baton.registries.b.type", "ecr");
    p.put("baton.registries.b.region", "nowhere");
    p.putAll(app("c", "credreg/main-app"));

    assertThat(problems(p).problems())
        .containsExactly(
            "baton.registries.a.url: is required: the registry's address, e.g. https://ghcr.io",
            "baton.registries.b.region: 'nowhere' is not an AWS region (e.g. eu-west-1)",
            "baton.apps.credreg.registry: 'c' is not a configured registry; add baton.registries.c (type oci or ecr) or use one of [a, b]");
  }

  @Test
  void anAppMustNameAConfiguredRegistry() {
    ConfigurationError error = problems(app("default", "credreg/main-app"));

    assertThat(error.problems())
        .containsExactly(
            "baton.apps.credreg.registry: 'default' is not a configured registry; add baton.registries.default (type oci or ecr)");
  }

  @Test
  void aWorkloadRepositoryOnAnotherHostIsRefusedWithItsKey() {
    Map<String, Object> p =
        new HashMap<>(
            oci("https://harbor.example.com").entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        e -> "baton.registries.harbor." + e.getKey(), Map.Entry::getValue)));
    p.putAll(app("harbor", "ghcr.io/acme/main-app"));

    assertThat(problems(p).problems())
        .containsExactly(
            "baton.apps.credreg.workloads.main-app.repository: the repository names the host ghcr.io, but this registry is harbor.example.com");
  }

  @Test
  void thePasswordMayComeFromAnEnvironmentVariableAndNeverShows() {
    PropertySource env =
        PropertySource.of(
            "test-env",
            Map.of("BATON_REGISTRIES_GHCR_PASSWORD", SECRET),
            PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
    Map<String, Object> p = new HashMap<>();
    p.put("baton.registries.ghcr.type", "oci");
    p.put("baton.registries.ghcr.url", "https://ghcr.io");
    p.put("baton.registries.ghcr.username", "ci-bot");
    p.putAll(app("ghcr", "ghcr.io/acme/credreg-main"));

    try (ApplicationContext ctx =
        InProcessBaton.builder().propertySource(env).properties(p).start().context()) {
      RegistryProperties ghcr = ctx.getBeansOfType(RegistryProperties.class).iterator().next();

      assertThat(ghcr.password()).isEqualTo(SECRET);
      assertThat(ghcr.toString()).doesNotContain(SECRET).contains("password=****");
      assertThat(RegistryAdapters.describe(ghcr))
          .isEqualTo("ghcr (oci https://ghcr.io, user ci-bot)");
      assertThat(((RegistryRouter) ctx.getBean(Registry.class)).names()).containsExactly("ghcr");
    }
  }

  @Test
  void settingsNeverPrintSecrets() {
    OciSettings oci =
        new OciSettings(
            "r",
            URI.create("https://r.example"),
            false,
            "ci",
            SECRET,
            SECRET,
            Duration.ofSeconds(1),
            TestAdapters.FAST_RETRY);
    EcrSettings ecr =
        new EcrSettings(
            "e",
            "eu-west-1",
            null,
            null,
            "AKID",
            SECRET,
            Duration.ofSeconds(1),
            TestAdapters.FAST_RETRY);

    assertThat(oci.toString()).doesNotContain(SECRET);
    assertThat(ecr.toString()).doesNotContain(SECRET);
  }

  @Test
  void theServerDoesNotStartWithABadRegistryConfiguration() {
    try (ApplicationContext ctx =
        InProcessBaton.builder()
            .properties(app("default", "credreg/main-app"))
            .property("micronaut.server.port", -1)
            .start()
            .context()) {
      assertThatThrownBy(() -> ctx.getBean(EmbeddedServer.class).start())
          .hasRootCauseInstanceOf(ConfigurationError.class)
          .rootCause()
          .hasMessageContaining("baton.apps.credreg.registry");
    }
  }

  @Test
  void aRegistryATestRegistersWinsOverTheConfiguredOnes() {
    FakeRegistry fake = new FakeRegistry();
    try (ApplicationContext ctx =
        InProcessBaton.builder()
            .properties(app("default", "credreg/main-app"))
            .singletons(fake)
            .start()
            .context()) {
      assertThat(ctx.getBean(Registry.class)).isSameAs(fake);
    }
  }

  private static Arguments bad(Map<String, Object> registry, String expected) {
    return Arguments.of(registry, expected);
  }

  private static Map<String, Object> oci(String url, String... more) {
    Map<String, Object> m = new HashMap<>();
    m.put("type", "oci");
    m.put("url", url);
    for (int i = 0; i < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> app(String registry, String repository) {
    return Map.of(
        "baton.apps.credreg.registry", registry,
        "baton.apps.credreg.workloads.main-app.container", "app",
        "baton.apps.credreg.workloads.main-app.repository", repository);
  }

  private static ConfigurationError problems(Map<String, Object> properties) {
    try (ApplicationContext ctx = run(properties)) {
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(() -> ctx.getBean(Registry.class));
      assertThat(thrown).as("the registry configuration is refused").isNotNull();
      Throwable cause = thrown;
      while (cause != null && !(cause instanceof ConfigurationError)) {
        cause = cause.getCause();
      }
      assertThat(cause)
          .as("caused by a ConfigurationError: " + thrown)
          .isInstanceOf(ConfigurationError.class);
      return (ConfigurationError) cause;
    }
  }

  private static ApplicationContext run(Map<String, Object> properties) {
    return InProcessBaton.builder().properties(properties).start().context();
  }
}
