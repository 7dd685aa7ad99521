package dev.baton.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

/** The test signer is Slack's algorithm: checked against the official test vector. */
class SlackSignatureTest {
  static JsonObject vector() {
    return Payloads.json("signature_test_vector.json");
  }

  @Test
  void signsTheOfficialVectorAsSlackDoes() throws Exception {
    JsonObject v = vector();
    String signature =
        new SlackSigner(v.get("signing_secret").getAsString())
            .sign(
                v.getAsJsonObject("headers").get("X-Slack-Request-Timestamp").getAsString(),
                v.get("raw_body").getAsString());
    assertThat(signature).isEqualTo(v.get("expected_signature").getAsString());
  }

  @Test
  void boltsVerifierAcceptsTheVectorOnlyInsideFiveMinutes() throws Exception {
    JsonObject v = vector();
    var verifier =
        new SlackSignature.Verifier(
            new SlackSignature.Generator(v.get("signing_secret").getAsString()));
    String ts = "1531420618";
    String body = v.get("raw_body").getAsString();
    String sig = v.get("expected_signature").getAsString();
    assertThat(verifier.isValid(ts, body, sig, 1531420618_000L + 60_000)).isTrue();
    assertThat(verifier.isValid(ts, body, sig, 1531420618_000L + 301_000)).isFalse();
    assertThat(verifier.isValid(ts, body + "x", sig, 1531420618_000L)).isFalse();
  }
}
