package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.model.PromotionState;
import dev.baton.pipeline.port.AuditQuery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes build registration over HTTP: random bodies (correctly signed, so they reach the parser
 * and the core), random signature headers, random bytes. Never a 5xx, always problem+json for an
 * error, and a rejected request changes nothing: no release, no audit event.
 */
class BuildApiFuzzTest {
  private static final Set<Integer> EXPECTED = Set.of(200, 201, 400, 401, 409, 413, 422);
  private static ApiServer api;

  @BeforeContainer
  static void start() {
    api = new ApiServer();
    api.postSigned(api.pushedBuild(1)); // one release, so that conflicts can happen
    // Its auto-deploy writes audit events in the background: let it end before any snapshot.
    PipelineCore core = api.context.getBean(PipelineCore.class);
    long end = System.currentTimeMillis() + 30_000;
    while (!core.ports()
            .store()
            .read(
                r ->
                    r.promotionsIn(
                        EnumSet.of(
                            PromotionState.PENDING_APPROVAL,
                            PromotionState.APPROVED,
                            PromotionState.RUNNING)))
            .isEmpty()
        && System.currentTimeMillis() < end) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @AfterContainer
  static void stop() {
    api.close();
  }

  @Property
  void signedRandomBodiesNeverBreakAnything(@ForAll("bodies") String body) {
    check(() -> api.postSigned(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Property
  void randomBytesNeverBreakAnything(@ForAll byte[] body) {
    check(() -> api.postSigned(body));
  }

  @Property
  void randomSignatureHeadersAreRefused(
      @ForAll("headers") String timestamp, @ForAll("headers") String signature) {
    HttpResponse<String> r = check(() -> api.post(api.pushedBuild(2), timestamp, signature));
    assertThat(r.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> check(java.util.function.Supplier<HttpResponse<String>> request) {
    PipelineCore core = api.context.getBean(PipelineCore.class);
    int releases = core.ports().store().read(r -> r.releases("credreg", 10_000)).size();
    long audit = core.ports().store().audit(AuditQuery.latest(1)).get(0).seq();
    HttpResponse<String> r = request.get();
    assertThat(EXPECTED).as("status %d for %s", r.statusCode(), r.body()).contains(r.statusCode());
    if (r.statusCode() >= 400) {
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      int after = core.ports().store().read(x -> x.releases("credreg", 10_000)).size();
      assertThat(after).isEqualTo(releases);
      assertThat(core.ports().store().audit(AuditQuery.latest(1)).get(0).seq())
          .as("a rejected request writes nothing")
          .isEqualTo(audit);
    }
    return r;
  }

  @Provide
  Arbitrary<String> headers() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .ascii()
            .ofMaxLength(80)
            .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)),
        Arbitraries.longs().map(l -> Long.toString(l)),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "v1=" + h));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40),
            Arbitraries.of(
                "credreg",
                "latest",
                "main",
                Fixtures.tag(1),
                Fixtures.tag(7),
                "2026.13.45.0001",
                "abcdef1",
                "0123456789abcdef0123456789abcdef01234567",
                "",
                "\u0000",
                "é",
                "../../etc"),
            Arbitraries.strings()
                .withChars("0123456789abcdef")
                .ofLength(64)
                .map(h -> "sha256:" + h));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            text.map(BuildApiFuzzTest::quote),
            Arbitraries.of("null", "1", "true", "[]", "{}", "-0.5e9"));
    Arbitrary<String> digests =
        Arbitraries.oneOf(
            Combinators.combine(Arbitraries.of("main-app", "worker-app", "other", ""), value)
                .as((k, v) -> quote(k) + ":" + v)
                .list()
                .ofMaxSize(3)
                .map(l -> "{" + String.join(",", l) + "}"),
            value);
    return Combinators.combine(
            value, value, value, value, digests, Arbitraries.integers().between(0, 31))
        .as(
            (app, tag, commit, url, d, drop) -> {
              List<String> fields = new ArrayList<>();
              if ((drop & 1) == 0) fields.add("\"app\":" + app);
              if ((drop & 2) == 0) fields.add("\"tag\":" + tag);
              if ((drop & 4) == 0) fields.add("\"commit\":" + commit);
              if ((drop & 8) == 0) fields.add("\"buildUrl\":" + url);
              if ((drop & 16) == 0) fields.add("\"digests\":" + d);
              return "{" + String.join(",", fields) + "}";
            });
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
