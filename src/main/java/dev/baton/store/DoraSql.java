package dev.baton.store;

import dev.baton.pipeline.dora.DeliveryHistory;
import dev.baton.pipeline.dora.DeliveryRecords;
import dev.baton.pipeline.dora.DeliveryRecords.Cause;
import dev.baton.pipeline.dora.DeliveryRecords.Deployed;
import dev.baton.pipeline.dora.DeliveryRecords.Failure;
import dev.baton.pipeline.model.DeploymentKind;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A lane's deliveries over a period in three indexed queries: deployments joined to their releases
 * ({@code ix_deployment_lane}), promotions that closed FAILED or ROLLED_BACK ({@code
 * ix_promotion_lane_updated}) and rollback requests ({@code ix_promotion_lane_kind_requested}, V9).
 * The rules are those of {@code StoreDeliveryHistory.failureOf}.
 */
@Singleton
public class DoraSql implements DeliveryHistory {
  private static final String DEPLOYMENTS =
      "SELECT d.completed_at, d.kind, d.release_tag, r.committed_at, r.registered_at"
          + " FROM deployment d LEFT JOIN release r ON r.app = d.app AND r.tag = d.release_tag"
          + " WHERE d.app = ? AND d.env = ? AND d.completed_at >= ? AND d.completed_at < ?"
          + " ORDER BY d.completed_at, d.row_no";
  private static final String CLOSED_FAILED =
      "SELECT state, updated_at FROM promotion WHERE app = ? AND env = ?"
          + " AND updated_at >= ? AND updated_at < ? AND state IN ('FAILED', 'ROLLED_BACK')";
  private static final String ROLLBACK_REQUESTS =
      "SELECT requested_at FROM promotion WHERE app = ? AND env = ? AND kind = 'ROLLBACK'"
          + " AND requested_at >= ? AND requested_at < ?"
          + " AND state NOT IN ('REJECTED', 'EXPIRED', 'CANCELLED')";

  private final TransactionOperations<Connection> transactions;
  private final Jdbc jdbc;

  DoraSql(TransactionOperations<Connection> transactions, Jdbc jdbc) {
    this.transactions = transactions;
    this.jdbc = jdbc;
  }

  @Override
  public DeliveryRecords records(String app, String env, Instant from, Instant to) {
    return transactions.executeRead(status -> read(app, env, from, to));
  }

  private DeliveryRecords read(String app, String env, Instant from, Instant to) {
    Params lane = Params.of().text(app).text(env).time(from).time(to);
    List<Deployed> deployed =
        jdbc.query(
            DEPLOYMENTS,
            lane,
            rs ->
                new Deployed(
                    Jdbc.time(rs, "completed_at"),
                    DeploymentKind.valueOf(rs.getString("kind")),
                    rs.getString("release_tag"),
                    Jdbc.time(rs, "committed_at"),
                    Jdbc.time(rs, "registered_at")));
    List<Failure> failures = new ArrayList<>();
    failures.addAll(
        jdbc.query(
            CLOSED_FAILED,
            Params.of().text(app).text(env).time(from).time(to),
            rs ->
                new Failure(
                    Jdbc.time(rs, "updated_at"),
                    "FAILED".equals(rs.getString("state"))
                        ? Cause.FAILED_DEPLOYMENT
                        : Cause.AUTO_ROLLBACK)));
    failures.addAll(
        jdbc.query(
            ROLLBACK_REQUESTS,
            Params.of().text(app).text(env).time(from).time(to),
            rs -> new Failure(Jdbc.time(rs, "requested_at"), Cause.ROLLBACK_REQUEST)));
    return new DeliveryRecords(deployed, failures);
  }
}
