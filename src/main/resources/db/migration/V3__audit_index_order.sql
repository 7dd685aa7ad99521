-- Audit queries read the newest rows matching one filter: WHERE env = ? ORDER BY seq DESC LIMIT n.
-- With (env, seq) ascending, H2 reads and sorts every matching row; with seq descending in the
-- index it reads just the first n. PostgreSQL walks either order, so one definition serves both.
DROP INDEX ix_audit_event_app;
DROP INDEX ix_audit_event_env;
DROP INDEX ix_audit_event_release;
DROP INDEX ix_audit_event_actor;
CREATE INDEX ix_audit_event_app ON audit_event (app, seq DESC);
CREATE INDEX ix_audit_event_env ON audit_event (env, seq DESC);
CREATE INDEX ix_audit_event_release ON audit_event (release_tag, seq DESC);
CREATE INDEX ix_audit_event_actor ON audit_event (actor, seq DESC);
