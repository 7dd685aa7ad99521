-- A lease released by its holder as it stopped (a graceful shutdown) stays in the table, marked, so
-- that the replica taking the promotion over can say it was handed over and by whom. Additive: a
-- process of the previous version writes leases without the column and gets the default.
ALTER TABLE lease ADD COLUMN handed_over BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_lease_expires ON lease (expires_at);
