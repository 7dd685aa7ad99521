package dev.baton.pipeline.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The audit log's hash chain: how a row is hashed and how a sequence of rows is verified. */
public final class AuditChain {
  /** The previous hash of the first row. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** Builds the next row after a head with {@code headSeq} and {@code headHash}. */
  public static AuditEvent next(long headSeq, String headHash, Instant at, AuditEntry e) {
    Instant t = at.truncatedTo(ChronoUnit.MILLIS);
    AuditEvent unsigned =
        new AuditEvent(
            headSeq + 1,
            t,
            e.actor(),
            e.action(),
            e.app(),
            e.env(),
            e.releaseTag(),
            e.promotionId(),
            e.detail(),
            headHash,
            null);
    return withHash(unsigned, hashOf(unsigned));
  }

  /** The canonical content: every field length-prefixed, so that no two different rows share it. */
  public static String canonical(AuditEvent e) {
    StringBuilder b = new StringBuilder();
    for (String f :
        new String[] {
          Long.toString(e.seq()),
          Long.toString(e.at().toEpochMilli()),
          e.actor(),
          e.action(),
          e.app(),
          e.env(),
          e.releaseTag(),
          e.promotionId(),
          e.detail(),
          e.prevHash()
        }) {
      if (f == null) {
        b.append("-;");
      } else {
        b.append(f.length()).append(':').append(f).append(';');
      }
    }
    return b.toString();
  }

  public static String hashOf(AuditEvent e) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(e).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is not available", ex);
    }
  }

  /**
   * Checks that rows are consecutive from {@code expectedPrevHash}, each links to the previous and
   * each hash matches its content. Returns the first problem, or empty when the chain verifies.
   */
  public static Optional<String> verify(List<AuditEvent> rows, long firstSeq, String prevHash) {
    long expectedSeq = firstSeq;
    String expectedPrev = prevHash;
    for (AuditEvent row : rows) {
      if (row.seq() != expectedSeq) {
        return Optional.of("row " + expectedSeq + " is missing (found " + row.seq() + ")");
      }
      if (!row.prevHash().equals(expectedPrev)) {
        return Optional.of("row " + row.seq() + " does not link to the previous row");
      }
      if (!hashOf(row).equals(row.hash())) {
        return Optional.of("row " + row.seq() + " was changed after it was written");
      }
      expectedSeq++;
      expectedPrev = row.hash();
    }
    return Optional.empty();
  }

  private static AuditEvent withHash(AuditEvent e, String hash) {
    return new AuditEvent(
        e.seq(),
        e.at(),
        e.actor(),
        e.action(),
        e.app(),
        e.env(),
        e.releaseTag(),
        e.promotionId(),
        e.detail(),
        e.prevHash(),
        hash);
  }
}
