package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.fakes.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final WebhookSignature signature = new WebhookSignature("s3cret", clock);
  private final byte[] body = "{\"app\":\"credreg\"}".getBytes(StandardCharsets.UTF_8);
  private final long now = clock.instant().getEpochSecond();

  @Test
  void aSignatureMadeNowOverTheSameBytesIsAccepted() {
    assertThat(signature.check(Long.toString(now), signature.sign(now, body), body)).isEmpty();
  }

  @Test
  void theSignatureIsHmacSha256OverVersionTimestampAndBody() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
    byte[] expected = mac.doFinal(("v1:" + now + ":{\"app\":\"credreg\"}").getBytes());
    assertThat(signature.sign(now, body)).isEqualTo("v1=" + HexFormat.of().formatHex(expected));
  }

  @Test
  void uppercaseHexIsAccepted() {
    String sig = "v1=" + signature.sign(now, body).substring(3).toUpperCase();
    assertThat(signature.check(Long.toString(now), sig, body)).isEmpty();
  }

  @Test
  void aChangedBodyIsRefused() {
    byte[] tampered = "{\"app\":\"credreg \"}".getBytes(StandardCharsets.UTF_8);
    assertThat(signature.check(Long.toString(now), signature.sign(now, body), tampered))
        .contains("the signature does not match the body and timestamp");
  }

  @Test
  void anotherSecretIsRefused() {
    String other = new WebhookSignature("other", clock).sign(now, body);
    assertThat(signature.check(Long.toString(now), other, body)).isPresent();
  }

  @Test
  void aSignatureMovedToAnotherTimestampIsRefused() {
    assertThat(signature.check(Long.toString(now + 1), signature.sign(now, body), body))
        .isPresent();
  }

  @Test
  void exactlyFiveMinutesEitherWayIsAcceptedAndOneSecondMoreIsNot() {
    long edge = WebhookSignature.TOLERANCE.toSeconds();
    for (long t : new long[] {now - edge, now + edge}) {
      assertThat(signature.check(Long.toString(t), signature.sign(t, body), body)).isEmpty();
    }
    for (long t : new long[] {now - edge - 1, now + edge + 1}) {
      assertThat(signature.check(Long.toString(t), signature.sign(t, body), body))
          .get()
          .asString()
          .contains("away from the server's clock");
    }
  }

  @Test
  void freshnessFollowsTheInjectedClock() {
    String sig = signature.sign(now, body);
    clock.advance(Duration.ofMinutes(6));
    assertThat(signature.check(Long.toString(now), sig, body)).isPresent();
  }

  @Test
  void missingOrMalformedHeadersAreRefusedWithAReason() {
    String sig = signature.sign(now, body);
    assertThat(signature.check(null, sig, body)).get().asString().contains("X-Baton-Timestamp");
    assertThat(signature.check(Long.toString(now), null, body))
        .get()
        .asString()
        .contains("X-Baton-Signature");
    assertThat(signature.check("yesterday", sig, body)).get().asString().contains("Unix time");
    assertThat(signature.check("-5", sig, body)).isPresent();
    assertThat(signature.check(Long.toString(now), sig.substring(3), body))
        .get()
        .asString()
        .contains("v1=");
    assertThat(signature.check(Long.toString(now), "v0=" + sig.substring(3), body)).isPresent();
    assertThat(signature.check(Long.toString(now), "v1=zz" + sig.substring(5), body)).isPresent();
    assertThat(signature.check("99999999999999999999", sig, body)).isPresent();
  }
}
