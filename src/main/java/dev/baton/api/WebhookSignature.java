package dev.baton.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature CI puts on a build registration: {@code X-Baton-Timestamp: <unix seconds>} and
 * {@code X-Baton-Signature: v1=<hex HMAC-SHA256(secret, "v1:" + timestamp + ":" + raw body)>}.
 *
 * <p>The timestamp must be within {@link #TOLERANCE} of the server's clock in either direction, so
 * a captured request cannot be replayed later. Within the window a replay is harmless: registration
 * is idempotent.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Baton-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Baton-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** The {@code WWW-Authenticate} challenge of a refused registration (RFC 9110 requires one). */
  public static final String CHALLENGE = "Baton-HMAC-SHA256 realm=\"ci\", version=\"v1\"";

  private static final String VERSION = "v1";

  private final byte[] secret;
  private final Clock clock;

  public WebhookSignature(String secret, Clock clock) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** The header value for a body signed at {@code timestamp}; what CI computes. */
  public String sign(long timestamp, byte[] body) {
    return VERSION + "=" + HexFormat.of().formatHex(mac(timestamp, body));
  }

  /** Empty when the request is authentic and fresh; otherwise why it is not. */
  public Optional<String> check(String timestampHeader, String signatureHeader, byte[] body) {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      return Optional.of("the " + TIMESTAMP_HEADER + " header is missing");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Optional.of("the " + SIGNATURE_HEADER + " header is missing");
    }
    if (!timestampHeader.matches("\\d{1,12}")) {
      return Optional.of(TIMESTAMP_HEADER + " must be the Unix time in seconds");
    }
    long timestamp = Long.parseLong(timestampHeader);
    long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
    if (skew > TOLERANCE.toSeconds()) {
      return Optional.of(
          "the request timestamp is "
              + skew
              + " s away from the server's clock; at most "
              + TOLERANCE.toSeconds()
              + " s are accepted (sign each request when it is sent, and check the clocks)");
    }
    Optional<byte[]> presented = presented(signatureHeader.trim());
    if (presented.isEmpty()) {
      return Optional.of(SIGNATURE_HEADER + " must be v1=<hex HMAC-SHA256>");
    }
    if (!MessageDigest.isEqual(mac(timestamp, body), presented.get())) {
      return Optional.of("the signature does not match the body and timestamp");
    }
    return Optional.empty();
  }

  private static Optional<byte[]> presented(String header) {
    String prefix = VERSION + "=";
    String hex = header.startsWith(prefix) ? header.substring(prefix.length()) : "";
    if (hex.length() != 64) {
      return Optional.empty();
    }
    try {
      return Optional.of(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
