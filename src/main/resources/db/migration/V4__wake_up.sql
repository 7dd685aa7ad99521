-- Wake-ups: when the core must look at a promotion again (bake end, freeze end, approval expiry,
-- reminder, a step that asked to be looked at later). Written with the decision that needs it, so a
-- restarted process or another replica honours it; one row per (promotion, kind).
CREATE TABLE wake_up (
    id           VARCHAR(150)             NOT NULL,
    promotion_id VARCHAR(100)             NOT NULL,
    kind         VARCHAR(20)              NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_wake_up PRIMARY KEY (id)
);
CREATE INDEX ix_wake_up_due ON wake_up (due_at);
CREATE INDEX ix_wake_up_promotion ON wake_up (promotion_id);
