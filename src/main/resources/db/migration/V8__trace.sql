-- The trace of a promotion, "<32 hex trace id>-<16 hex root span id>", so that the steps a replica
-- resumes after a crash join the trace the request began. Null when tracing was off at the request.
-- Additive: a process of the previous version leaves it null.
ALTER TABLE promotion ADD COLUMN trace VARCHAR(49);
