package dev.baton.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The inventory. Newest first means latest completion first, then latest written first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeploymentRepository extends GenericRepository<DeploymentRow, String> {
  DeploymentRow save(DeploymentRow row);

  boolean existsById(String id);

  @Query(
      "SELECT * FROM deployment WHERE app = :app AND env = :env"
          + " ORDER BY completed_at DESC, row_no DESC LIMIT :limit")
  List<DeploymentRow> findLatest(String app, String env, int limit);

  @Query(
      "SELECT * FROM deployment WHERE app = :app AND env = :env AND release_tag = :releaseTag"
          + " ORDER BY completed_at DESC, row_no DESC LIMIT 1")
  List<DeploymentRow> findLatestOf(String app, String env, String releaseTag);
}
