package dev.baton.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Lane leases, one per (app, environment) lane. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface LeaseRepository extends CrudRepository<LeaseRow, String> {}
