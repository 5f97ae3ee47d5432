package io.kubeorch.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The operation table: one row per day-2 operation, with the inventories it works with. */
@Repository
public class Operations {

    private final JdbcTemplate jdbc;

    Operations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An operation as a list shows it: without its inventories. */
    public record Summary(String id, OperationKind kind, String cluster, List<String> nodes, String requestedBy,
            Instant requestedAt) {
    }

    void add(Operation operation) {
        jdbc.update("""
                INSERT INTO operation (id, cluster_name, kind, nodes, inventory_before, inventory_after,
                  process_instance_id, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                operation.id(), operation.cluster(), operation.kind().label(), String.join("\n", operation.nodes()),
                operation.inventoryBefore(), operation.inventoryAfter(), operation.processInstanceId(),
                operation.requestedBy(), Timestamp.from(operation.requestedAt()));
    }

    void attachProcessInstance(String operationId, String processInstanceId) {
        jdbc.update("UPDATE operation SET process_instance_id = ? WHERE id = ?", processInstanceId, operationId);
    }

    public Optional<Operation> find(String operationId) {
        return jdbc.query("SELECT * FROM operation WHERE id = ?", Operations::operation, operationId).stream().findFirst();
    }

    /** The cluster's operations, newest first. */
    public List<Summary> ofCluster(String cluster) {
        return jdbc.query("""
                SELECT id, kind, cluster_name, nodes, requested_by, requested_at FROM operation WHERE cluster_name = ?
                ORDER BY requested_at DESC, id DESC""", Operations::summary, cluster);
    }

    /** The {@code limit} most recently requested operations, newest first. */
    public List<Summary> recent(int limit) {
        return jdbc.query("""
                SELECT id, kind, cluster_name, nodes, requested_by, requested_at FROM operation
                ORDER BY requested_at DESC, id DESC
                FETCH FIRST ? ROWS ONLY""", Operations::summary, limit);
    }

    /** The operations requested in {@code [from, to)}, newest first, at most {@code limit}. */
    public List<Operation> requestedBetween(Instant from, Instant to, int limit) {
        return jdbc.query("""
                SELECT * FROM operation WHERE requested_at >= ? AND requested_at < ?
                ORDER BY requested_at DESC, id DESC
                FETCH FIRST ? ROWS ONLY""", Operations::operation, Timestamp.from(from), Timestamp.from(to), limit);
    }

    private static Operation operation(ResultSet row, int index) throws SQLException {
        return new Operation(row.getString("id"), row.getString("cluster_name"), kind(row), nodes(row),
                row.getString("inventory_before"), row.getString("inventory_after"),
                row.getString("process_instance_id"), row.getString("requested_by"),
                row.getTimestamp("requested_at").toInstant());
    }

    private static Summary summary(ResultSet row, int index) throws SQLException {
        return new Summary(row.getString("id"), kind(row), row.getString("cluster_name"), nodes(row),
                row.getString("requested_by"), row.getTimestamp("requested_at").toInstant());
    }

    private static OperationKind kind(ResultSet row) throws SQLException {
        String label = row.getString("kind");
        return OperationKind.ofLabel(label).orElseThrow(() -> new IllegalStateException(
                "operation " + label + " is of a kind this kubeorch does not know: run the release that recorded it"));
    }

    private static List<String> nodes(ResultSet row) throws SQLException {
        String nodes = row.getString("nodes");
        return nodes.isEmpty() ? List.of() : Arrays.asList(nodes.split("\n"));
    }
}
