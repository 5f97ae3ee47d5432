-- The clusters kubeorch knows: one row per cluster name, made by the install that completed it
-- and kept up to date by every day-2 operation. A torn-down cluster stays, marked removed, with
-- its history; installing the name again makes it active again.
CREATE TABLE cluster (
    name         VARCHAR(63)      NOT NULL PRIMARY KEY,
    state        VARCHAR(20)      NOT NULL,
    -- the inventory as the cluster now stands (it holds no secrets: credentials are referenced)
    inventory    VARCHAR(1000000) NOT NULL,
    installed_by VARCHAR(36)      NOT NULL,
    created_at   TIMESTAMP        NOT NULL,
    updated_at   TIMESTAMP        NOT NULL,
    removed_at   TIMESTAMP
);

-- The day-2 operations (installs stay in the install table): what was asked, on which cluster, by
-- whom, and the cluster's inventory before the operation and as the operation leaves it. The
-- steps read the one or the other (a node being removed sees the cluster it leaves). Process
-- variables carry only the id.
CREATE TABLE operation (
    id                  VARCHAR(36)      NOT NULL PRIMARY KEY,
    cluster_name        VARCHAR(63)      NOT NULL,
    kind                VARCHAR(20)      NOT NULL,
    -- the nodes it is about, one per line: those to add, the one to remove, every node for a teardown
    nodes               VARCHAR(1000000) NOT NULL,
    inventory_before    VARCHAR(1000000) NOT NULL,
    inventory_after     VARCHAR(1000000) NOT NULL,
    process_instance_id VARCHAR(64),
    requested_by        VARCHAR(255),
    requested_at        TIMESTAMP        NOT NULL
);

CREATE INDEX operation_by_cluster ON operation (cluster_name, requested_at);
