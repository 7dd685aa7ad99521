package dev.baton.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A private schema on the test PostgreSQL that several Baton processes share, and the reads a test
 * makes of it from outside Baton (promotions, the lease, counts).
 */
public final class SharedSchema {
  /** A lease as PostgreSQL holds it. */
  public record LeaseRow(String owner, boolean handedOver, String promotionId, Instant expiresAt) {
    public String instance() {
      return owner.substring(0, owner.lastIndexOf('#'));
    }
  }

  private final String serverUrl;
  private final String schema;
  public final String jdbcUrl;
  public final String user;
  public final String password;

  private SharedSchema(String serverUrl, String schema, String user, String password) {
    this.serverUrl = serverUrl;
    this.schema = schema;
    this.user = user;
    this.password = password;
    this.jdbcUrl = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A new empty schema on the server at {@code serverUrl}. */
  static SharedSchema create(String serverUrl) throws SQLException {
    SharedSchema s =
        new SharedSchema(
            serverUrl,
            "baton_replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
            System.getenv().getOrDefault("BATON_TEST_POSTGRES_USER", "postgres"),
            System.getenv().getOrDefault("BATON_TEST_POSTGRES_PASSWORD", ""));
    s.execute("CREATE SCHEMA " + s.schema);
    return s;
  }

  void drop() throws SQLException {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  /** The id of the newest promotion of credreg into {@code env} (null when there is none). */
  public String newestPromotion(String env) throws SQLException {
    return one(
        "SELECT id FROM promotion WHERE app = 'credreg' AND env = ? ORDER BY requested_at DESC"
            + " LIMIT 1",
        env);
  }

  public String state(String promotionId) throws SQLException {
    return one("SELECT state FROM promotion WHERE id = ?", promotionId);
  }

  public String step(String promotionId) throws SQLException {
    return one("SELECT step FROM promotion WHERE id = ?", promotionId);
  }

  /** The lane's lease, or null. */
  public LeaseRow lease(String promotionId) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT owner, handed_over, promotion_id, expires_at FROM lease WHERE promotion_id = ?")) {
      ps.setString(1, promotionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new LeaseRow(
                rs.getString(1),
                rs.getBoolean(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant())
            : null;
      }
    }
  }

  /** How many rows {@code sql} counts, with {@code params}. */
  public int count(String sql, String... params) throws SQLException {
    return Integer.parseInt(one(sql, params));
  }

  private String one(String sql, String... params) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl, user, password)) {
      c.createStatement().execute(sql);
    }
  }
}
