package io.kubeorch.install;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A host (by address) belongs to at most one running operation, an install or a day-2 operation:
 * the lock table, which every kubeorch instance on the database sees and which outlives restarts.
 * Locks are taken with the operation's record, freed when its process ends (the end listener of
 * every operation's process), and freed by {@link #releaseEnded} for processes that ended without
 * it (cancelled in Cockpit without listeners, or while kubeorch was down). An operation runs while
 * a process instance has its id as business key, as every process of an operation does.
 */
@Repository
public class HostLocks {

    private static final Logger log = LoggerFactory.getLogger(HostLocks.class);

    private final JdbcTemplate jdbc;
    private final Installs installs;
    private final String executions;

    HostLocks(JdbcTemplate jdbc, Installs installs, ManagementService management) {
        this.jdbc = jdbc;
        this.installs = installs;
        this.executions = management.getTableName(ExecutionEntity.class);
    }

    private record Lock(String address, String operationId, String cluster, String requestedBy, Timestamp lockedAt) {
    }

    /**
     * Takes every address for the operation, in the caller's transaction.
     *
     * @throws HostsBusyException naming the running operation that holds some of them
     */
    public void acquire(String operationId, String cluster, String requestedBy, Collection<String> addresses) {
        Map<String, List<Lock>> byHolder = new LinkedHashMap<>();
        for (Lock lock : held(addresses)) {
            byHolder.computeIfAbsent(lock.operationId(), id -> new ArrayList<>()).add(lock);
        }
        for (var holder : byHolder.entrySet()) {
            if (running(holder.getKey())) {
                throw busy(holder.getValue());
            }
            release(holder.getKey());
        }
        try {
            for (String address : addresses) {
                jdbc.update("INSERT INTO host_lock (address, operation_id, cluster_name, requested_by, locked_at)"
                        + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)", address, operationId, cluster, requestedBy);
            }
        } catch (DuplicateKeyException raced) {
            // another operation took one of them since we looked
            List<Lock> taken = held(addresses).stream().filter(lock -> !lock.operationId().equals(operationId)).toList();
            throw taken.isEmpty() ? raced : busy(taken);
        }
    }

    /** Frees the operation's hosts. */
    public void release(String operationId) {
        int freed = jdbc.update("DELETE FROM host_lock WHERE operation_id = ?", operationId);
        if (freed > 0) {
            log.info("operation {} ended: its {} hosts are free", operationId, freed);
        }
    }

    /** Frees the hosts of every operation whose process is no longer running. @return how many operations */
    public int releaseEnded() {
        int released = 0;
        for (String operation : jdbc.queryForList("SELECT DISTINCT operation_id FROM host_lock", String.class)) {
            if (!running(operation)) {
                release(operation);
                released++;
            }
        }
        return released;
    }

    /** The addresses an operation holds, for the record and its tests. */
    public List<String> heldBy(String operationId) {
        return jdbc.queryForList("SELECT address FROM host_lock WHERE operation_id = ? ORDER BY address", String.class,
                operationId);
    }

    /** How many hosts are locked now, by all operations. */
    public int count() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM host_lock", Integer.class);
        return count == null ? 0 : count;
    }

    private List<Lock> held(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", addresses.stream().map(a -> "?").toList());
        return jdbc.query("SELECT * FROM host_lock WHERE address IN (" + marks + ") ORDER BY address",
                (row, i) -> new Lock(row.getString("address"), row.getString("operation_id"),
                        row.getString("cluster_name"), row.getString("requested_by"), row.getTimestamp("locked_at")),
                addresses.toArray());
    }

    /**
     * Whether the operation's process runs (its processes have its id as business key). An install
     * whose process has not started yet (it is being recorded) counts as running.
     */
    private boolean running(String operationId) {
        // read from the engine's table, not through a query: a query answers with what the calling
        // user may see, and a lock must not look stale to someone who cannot see its operation
        Integer processes = jdbc.queryForObject("SELECT COUNT(*) FROM " + executions
                + " WHERE BUSINESS_KEY_ = ? AND ID_ = PROC_INST_ID_", Integer.class, operationId);
        return (processes != null && processes > 0)
                || installs.find(operationId).map(install -> install.processInstanceId() == null).orElse(false);
    }

    private HostsBusyException busy(List<Lock> locks) {
        Lock first = locks.get(0);
        String holder = installs.find(first.operationId()).isPresent() ? "install" : "day-2 operation";
        return new HostsBusyException(locks.stream().map(Lock::address).toList(), holder, first.operationId(),
                first.cluster(), first.requestedBy(), first.lockedAt().toInstant());
    }
}
