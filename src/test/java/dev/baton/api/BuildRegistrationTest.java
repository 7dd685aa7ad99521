package dev.baton.api;

import static dev.baton.api.ProblemAnswers.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.Fixtures;
import dev.baton.pipeline.PipelineCore;
import dev.baton.pipeline.port.AuditQuery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildRegistrationTest {
  @AutoClose private final ApiServer api = new ApiServer();

  private long now() {
    return api.clock.instant().getEpochSecond();
  }

  private String sign(long timestamp, byte[] body) {
    return new WebhookSignature(ApiServer.SECRET, api.clock).sign(timestamp, body);
  }

  private static void assertSignatureRefused(HttpResponse<String> r) {
    assertProblem(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(WebhookSignature.CHALLENGE);
  }

  private int releasesOf(String tag) {
    return api.context
        .getBean(PipelineCore.class)
        .ports()
        .store()
        .read(r -> r.release("credreg", tag).isPresent() ? 1 : 0);
  }

  @Test
  void aValidSignatureRegistersTheReleaseAndTheSameBuildAgainIsOk() {
    byte[] body = api.pushedBuild(1);

    HttpResponse<String> first = api.postSigned(body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location"))
        .hasValue("/api/v1/apps/credreg/releases/" + Fixtures.tag(1));
    assertThat(first.body())
        .contains("\"tag\":\"" + Fixtures.tag(1) + "\"")
        .contains("\"main-app\":\"" + Fixtures.digest("main-1") + "\"")
        .contains("\"registeredBy\":\"ci\"");

    HttpResponse<String> again = api.postSigned(body);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.headers().firstValue("Location")).isEmpty();
    assertThat(releasesOf(Fixtures.tag(1))).isEqualTo(1);
  }

  @Test
  void aReplayedIdenticalRequestInsideTheWindowIsHarmless() {
    byte[] body = api.pushedBuild(2);
    String ts = Long.toString(now());
    String sig = sign(now(), body);

    assertThat(api.post(body, ts, sig).statusCode()).isEqualTo(201);
    api.clock.advance(Duration.ofMinutes(4));
    HttpResponse<String> replay = api.post(body, ts, sig);

    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
    assertThat(releasesOf(Fixtures.tag(2))).isEqualTo(1);
    long registered =
        api
            .context
            .getBean(PipelineCore.class)
            .ports()
            .store()
            .audit(new AuditQuery("credreg", null, Fixtures.tag(2), "ci", null, null, null, 100))
            .stream()
            .filter(e -> e.action().equals("release.registered"))
            .count();
    assertThat(registered).isEqualTo(1);
  }

  @Test
  void aTamperedBodyIsRefused() {
    byte[] body = api.pushedBuild(3);
    String sig = sign(now(), body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace(Fixtures.tag(3), Fixtures.tag(4))
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = api.post(tampered, Long.toString(now()), sig);

    assertSignatureRefused(r);
    assertThat(releasesOf(Fixtures.tag(4))).isZero();
  }

  @Test
  void aSignatureWithAnotherSecretIsRefused() {
    byte[] body = api.pushedBuild(5);
    String sig = new WebhookSignature("not-the-secret", api.clock).sign(now(), body);

    assertSignatureRefused(api.post(body, Long.toString(now()), sig));
    assertThat(releasesOf(Fixtures.tag(5))).isZero();
  }

  @Test
  void aTimestampSixMinutesOldOrSixMinutesAheadIsRefused() {
    byte[] body = api.pushedBuild(6);
    for (long t : new long[] {now() - 360, now() + 360}) {
      HttpResponse<String> r = api.post(body, Long.toString(t), sign(t, body));
      assertSignatureRefused(r);
      assertThat(r.body()).contains("away from the server's clock");
    }
    assertThat(releasesOf(Fixtures.tag(6))).isZero();
  }

  @Test
  void missingSignatureHeadersAreRefused() {
    byte[] body = api.pushedBuild(7);
    assertSignatureRefused(api.post(body, null, null));
    assertSignatureRefused(api.post(body, Long.toString(now()), null));
    assertSignatureRefused(api.post(body, null, sign(now(), body)));
    assertThat(releasesOf(Fixtures.tag(7))).isZero();
  }

  @Test
  void theSameTagWithOtherDigestsIsAConflict() {
    assertThat(api.postSigned(api.pushedBuild(8)).statusCode()).isEqualTo(201);
    String other = Fixtures.digest("other-main-8");
    api.registry.push("default", "credreg/main-app", other);
    byte[] body =
        ApiServer.buildBody("credreg", Fixtures.tag(8), 8, other, Fixtures.digest("worker-8"));

    HttpResponse<String> r = api.postSigned(body);

    assertProblem(r, 409);
    assertThat(r.body()).contains("immutable");
  }

  /**
   * A signed registration of build {@code build} (its images pushed) that names {@code app}, {@code
   * tag} (blank: the build's) and the main-app digest (blank: the pushed one): a 422 saying each
   * fragment, and nothing registered.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # name                        | app     | tag    | build | main digest | says
          a floating tag is refused     | credreg | latest | 9     |             | latest;floating
          a malformed digest is refused | credreg |        | 10    | sha256:abc  | digest of main-app
          an unknown app is refused     | nope    |        | 11    |             | unknown app
          """)
  void aRegistrationThatCannotBeARecordIsRefused(
      String name, String app, String tag, int build, String mainDigest, String says) {
    api.pushedBuild(build);
    String releaseTag = tag == null ? Fixtures.tag(build) : tag;
    String main = mainDigest == null ? Fixtures.digest("main-" + build) : mainDigest;
    byte[] body =
        ApiServer.buildBody(app, releaseTag, build, main, Fixtures.digest("worker-" + build));

    HttpResponse<String> r = api.postSigned(body);

    assertProblem(r, 422);
    assertThat(r.body()).contains(says.split(";"));
    assertThat(releasesOf(releaseTag)).isZero();
  }

  @Test
  void anUnknownWorkloadIsRefused() {
    api.pushedBuild(12);
    String json =
        new String(api.pushedBuild(12), StandardCharsets.UTF_8)
            .replace("\"worker-app\":", "\"cron-app\":");

    HttpResponse<String> r = api.postSigned(json.getBytes(StandardCharsets.UTF_8));

    assertProblem(r, 422);
    assertThat(r.body()).contains("unknown workload \\\"cron-app\\\"");
  }

  @Test
  void anImageMissingFromTheRegistryIsRefusedByName() {
    String main = Fixtures.digest("main-13");
    api.registry.push("default", "credreg/worker-app", Fixtures.digest("worker-13"));
    byte[] body =
        ApiServer.buildBody("credreg", Fixtures.tag(13), 13, main, Fixtures.digest("worker-13"));

    HttpResponse<String> r = api.postSigned(body);

    assertProblem(r, 422);
    assertThat(r.body()).contains("credreg/main-app@" + main).contains("not in registry");
    assertThat(releasesOf(Fixtures.tag(13))).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequest() {
    HttpResponse<String> r = api.postSigned("tag=2026.11.22.0001".getBytes(StandardCharsets.UTF_8));

    assertProblem(r, 400);
    assertThat(r.body()).contains("not JSON");
  }

  @Test
  void jsonOfTheWrongShapeIsABadRequest() {
    for (String body :
        new String[] {
          "[1,2]",
          "\"credreg\"",
          "{\"app\":7}",
          "{\"app\":\"credreg\",\"digests\":[\"sha256:x\"]}",
          "{\"app\":\"credreg\",\"digests\":{\"main-app\":1}}"
        }) {
      assertProblem(api.postSigned(body.getBytes(StandardCharsets.UTF_8)), 400);
    }
  }

  @Test
  void anEmptySignedBodyIsABadRequest() {
    assertProblem(api.postSigned(new byte[0]), 400);
  }

  @Test
  void aTenMegabyteBodyIsTooLarge() {
    byte[] body = new byte[10 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');

    assertProblem(api.postSigned(body), 413);
    // The server is still there for the next request.
    assertThat(api.postSigned(api.pushedBuild(14)).statusCode()).isEqualTo(201);
  }

  @Test
  void theSignatureIsCheckedBeforeTheBodyIsParsed() {
    assertProblem(api.post("{not json".getBytes(StandardCharsets.UTF_8), null, null), 401);
  }
}
