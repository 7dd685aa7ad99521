-- The metric-gated bake: per (app, env, release) the start of the current healthy stretch, the last
-- evaluation and when the next one is due. Replicas claim an evaluation by moving next_due with a
-- conditional UPDATE (WHERE next_due = the value they read), so exactly one evaluates it.
-- Additive: a process of the previous version neither reads nor writes the table.
CREATE TABLE bake_health (
    app                VARCHAR(200)             NOT NULL,
    env                VARCHAR(200)             NOT NULL,
    release_tag        VARCHAR(200)             NOT NULL,
    rollout_ended_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    healthy_since      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_evaluated_at  TIMESTAMP WITH TIME ZONE,
    last_kind          VARCHAR(20),
    last_text          TEXT,
    last_conclusive_at TIMESTAMP WITH TIME ZONE,
    breached_at        TIMESTAMP WITH TIME ZONE,
    next_due           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_bake_health PRIMARY KEY (app, env, release_tag)
);
CREATE INDEX ix_bake_health_due ON bake_health (next_due);
