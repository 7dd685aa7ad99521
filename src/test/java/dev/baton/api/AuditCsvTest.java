package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.audit.AuditCsv;
import dev.baton.pipeline.model.AuditEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
  private static AuditEvent event(String detail) {
    return new AuditEvent(
        7,
        Instant.parse("2026-11-22T09:00:00.123Z"),
        "U1",
        "freeze",
        null,
        "prod",
        null,
        null,
        detail,
        "a".repeat(64),
        "b".repeat(64));
  }

  @Test
  void theHeaderRowNamesEveryColumnInOrder() {
    assertThat(AuditCsv.write(List.of()))
        .isEqualTo("seq,at,actor,action,app,env,release,promotion,detail,prev_hash,hash\r\n");
  }

  @Test
  void plainFieldsAreUnquotedAndNullsAreEmpty() {
    String csv = AuditCsv.write(List.of(event("quiet")));
    assertThat(csv.split("\r\n")[1])
        .isEqualTo(
            "7,2026-11-22T09:00:00.123Z,U1,freeze,,prod,,,quiet,"
                + "a".repeat(64)
                + ","
                + "b".repeat(64));
  }

  @Test
  void commasQuotesAndLineBreaksAreQuotedWithInnerQuotesDoubled() {
    String csv = AuditCsv.write(List.of(event("incident 42, \"db\" down\r\nsee #ops")));
    assertThat(csv).contains(",\"incident 42, \"\"db\"\" down\r\nsee #ops\",");
  }
}
