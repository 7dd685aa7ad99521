-- DORA metrics are computed from the rows Baton already keeps: deployments (inventory), promotions
-- (failures, auto-rollbacks, rollback requests) and releases (commit time). Additive: a process of
-- the previous version writes releases without the column and leaves it NULL (lead time then
-- counts from the registration).
ALTER TABLE release ADD COLUMN committed_at TIMESTAMP WITH TIME ZONE;
-- Failures of a lane over a period: WHERE app = ? AND env = ? AND updated_at in [from, to).
CREATE INDEX ix_promotion_lane_updated ON promotion (app, env, updated_at);
-- Rollback requests of a lane over a period: WHERE app = ? AND env = ? AND kind = 'ROLLBACK'
-- AND requested_at in [from, to).
CREATE INDEX ix_promotion_lane_kind_requested ON promotion (app, env, kind, requested_at);
