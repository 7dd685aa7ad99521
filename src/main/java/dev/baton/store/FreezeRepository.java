package dev.baton.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Environment freezes, one per environment. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FreezeRepository extends CrudRepository<FreezeRow, String> {}
