-- The kubeorch instances sharing this database, by their stable identity (kubeorch.instance.id):
-- a restarted instance releases what its previous run held; a second live one with the same
-- identity refuses to start. heartbeat_at is written every few seconds by the database's clock.
CREATE TABLE engine_instance (
    id           VARCHAR(100) NOT NULL PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    started_at   TIMESTAMP    NOT NULL,
    heartbeat_at TIMESTAMP    NOT NULL
);

-- A host belongs to at most one running operation (an install, later a day-2 operation).
CREATE TABLE host_lock (
    address      VARCHAR(253) NOT NULL PRIMARY KEY,
    operation_id VARCHAR(36)  NOT NULL,
    cluster_name VARCHAR(63)  NOT NULL,
    requested_by VARCHAR(255),
    locked_at    TIMESTAMP    NOT NULL
);

CREATE INDEX host_lock_by_operation ON host_lock (operation_id);

-- Which kubeorch instance ran each command.
ALTER TABLE command_record ADD COLUMN engine_instance VARCHAR(100);
