-- Replicas: each running Baton process registers its instance id here and keeps a heartbeat, so that
-- a second live process under the same id is refused (it would take the first one's leases for a
-- dead predecessor's) and operators can see who runs and who drives what.
CREATE TABLE replica (
    instance_id  VARCHAR(200)             NOT NULL,
    boot_id      VARCHAR(40)              NOT NULL,
    version      VARCHAR(100)             NOT NULL,
    host         VARCHAR(255)             NOT NULL,
    pid          BIGINT                   NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_replica PRIMARY KEY (instance_id)
);
