package io.kubeorch.install;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The install table: one row per install, with the inventory it was started with. */
@Repository
public class Installs {

    private final JdbcTemplate jdbc;

    Installs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Install(String id, String clusterName, String inventoryYaml, String processInstanceId,
            String requestedBy, Instant requestedAt) {
    }

    /** An install as a list shows it: without its inventory. */
    public record Summary(String id, String cluster, String requestedBy, Instant requestedAt) {
    }

    void add(Install install) {
        jdbc.update("""
                INSERT INTO install (id, cluster_name, inventory, process_instance_id, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                install.id(), install.clusterName(), install.inventoryYaml(), install.processInstanceId(),
                install.requestedBy(), Timestamp.from(install.requestedAt()));
    }

    void attachProcessInstance(String installId, String processInstanceId) {
        jdbc.update("UPDATE install SET process_instance_id = ? WHERE id = ?", processInstanceId, installId);
    }

    public Optional<Install> find(String installId) {
        List<Install> found = jdbc.query("SELECT * FROM install WHERE id = ?", (row, i) -> new Install(
                row.getString("id"),
                row.getString("cluster_name"),
                row.getString("inventory"),
                row.getString("process_instance_id"),
                row.getString("requested_by"),
                row.getTimestamp("requested_at").toInstant()), installId);
        return found.stream().findFirst();
    }

    /** Installs requested from {@code from} (included) to {@code to} (excluded), newest first, at most {@code limit}. */
    public List<Install> requestedBetween(Instant from, Instant to, int limit) {
        return jdbc.query("""
                SELECT * FROM install WHERE requested_at >= ? AND requested_at < ?
                ORDER BY requested_at DESC, id DESC
                FETCH FIRST ? ROWS ONLY""", (row, i) -> new Install(
                row.getString("id"),
                row.getString("cluster_name"),
                null,
                row.getString("process_instance_id"),
                row.getString("requested_by"),
                row.getTimestamp("requested_at").toInstant()), Timestamp.from(from), Timestamp.from(to), limit);
    }

    /** The {@code limit} most recently requested installs, newest first. */
    public List<Summary> recent(int limit) {
        return jdbc.query("""
                SELECT id, cluster_name, requested_by, requested_at FROM install
                ORDER BY requested_at DESC, id DESC
                FETCH FIRST ? ROWS ONLY""", (row, i) -> new Summary(
                row.getString("id"),
                row.getString("cluster_name"),
                row.getString("requested_by"),
                row.getTimestamp("requested_at").toInstant()), limit);
    }
}
