package dev.baton.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Promotions. {@link #update} is a compare-and-set on the version: it throws {@code
 * OptimisticLockException} when the stored version differs and returns the row with version + 1.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PromotionRepository extends GenericRepository<PromotionRow, String> {
  PromotionRow save(PromotionRow row);

  PromotionRow update(PromotionRow row);

  Optional<PromotionRow> findById(String id);

  boolean existsById(String id);

  Optional<PromotionRow> findByOpenLane(String openLane);

  @Query("SELECT * FROM promotion WHERE state IN (:states) ORDER BY requested_at ASC, row_no ASC")
  List<PromotionRow> findInStates(Collection<String> states);

  @Query(
      "SELECT * FROM promotion WHERE app = :app ORDER BY requested_at DESC, row_no DESC"
          + " LIMIT :limit")
  List<PromotionRow> findRecent(String app, int limit);
}
