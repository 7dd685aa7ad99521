package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class AuditVerifyTest {
  @Test
  void aRowChangedBehindBatonsBackMakesTheChainInvalidAndSaysWhichRow() throws SQLException {
    try (ApiServer api = new ApiServer()) {
      assertThat(api.postSigned(api.pushedBuild(1)).statusCode()).isEqualTo(201);
      assertThat(api.get("/api/v1/audit/verify").body()).contains("\"valid\":true");

      try (Connection c = DriverManager.getConnection(api.databaseUrl, "sa", "");
          PreparedStatement s =
              c.prepareStatement("UPDATE audit_event SET detail = ? WHERE seq = 1")) {
        s.setString(1, "commit 0000000, nothing to see");
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      HttpResponse<String> r = api.get("/api/v1/audit/verify");

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("\"valid\":false")
          .contains("\"events\":0")
          .contains("\"problem\":\"row 1 was changed after it was written\"");
    }
  }
}
