package dev.baton.store;

import jakarta.inject.Singleton;

/** Every table access of the JDBC store, bundled for the per-transaction views. */
@Singleton
record StoreTables(
    PromotionRepository promotions,
    DeploymentRepository deployments,
    FreezeRepository freezes,
    LeaseRepository leases,
    PipelineSql sql,
    WakeUpSql wakeUps,
    BakeHealthSql bakeHealth,
    AuditSql audit) {}
