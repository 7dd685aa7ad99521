-- Slack adapter state. Portable SQL: PostgreSQL 15 and H2 2.3 in MODE=PostgreSQL.
-- Messages are rendered from the pipeline's current state; these tables only remember where they
-- are, so that Baton updates them in place, and what was already sent once.

-- One row per Slack message Baton keeps up to date. msg_key is "release:<app>:<tag>" (the root of
-- the release's thread) or "promotion:<id>" (the thread reply for one deployment). A replica
-- claims the key with an INSERT before posting (the primary key makes the claim exclusive), then
-- stores channel and ts; a replica that finds ts set updates the message instead of posting.
CREATE TABLE slack_message (
    msg_key      VARCHAR(300)             NOT NULL,
    channel      VARCHAR(100),
    ts           VARCHAR(40),
    content_hash VARCHAR(64),
    claimed_by   VARCHAR(300)             NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_slack_message PRIMARY KEY (msg_key)
);

-- Notices sent at most once, whatever the number of replicas and restarts: the approval reminder
-- of a promotion ("reminder:<promotion id>"). The INSERT is the claim.
CREATE TABLE slack_notice (
    notice_key VARCHAR(300)             NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slack_notice PRIMARY KEY (notice_key)
);

-- People who opened Baton's App Home, so that their board is republished when the state changes.
CREATE TABLE slack_home_viewer (
    user_id   VARCHAR(50)              NOT NULL,
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slack_home_viewer PRIMARY KEY (user_id)
);
CREATE INDEX ix_slack_home_viewer_opened ON slack_home_viewer (opened_at);
