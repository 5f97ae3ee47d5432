package io.kubeorch.cluster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The cluster table: every cluster kubeorch installed, with its inventory as it now stands. */
@Repository
public class Clusters {

    private final JdbcTemplate jdbc;

    Clusters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A cluster kubeorch knows.
     *
     * @param installedBy the install that made it known (the last one, when its name was installed again)
     */
    public record KnownCluster(String name, ClusterState state, String inventoryYaml, String installedBy,
            Instant createdAt, Instant updatedAt, Instant removedAt) {
    }

    public Optional<KnownCluster> find(String name) {
        return jdbc.query("SELECT * FROM cluster WHERE name = ?", Clusters::cluster, name).stream().findFirst();
    }

    /** Every known cluster, active ones first, by name. */
    public List<KnownCluster> all() {
        return jdbc.query("SELECT * FROM cluster ORDER BY state, name", Clusters::cluster);
    }

    /**
     * The cluster an install completed: new, or (its name installed again: a rerun, or after a
     * teardown) the install's inventory replaces what was recorded, and it is active again.
     */
    void installed(String name, String inventoryYaml, String installId) {
        int updated = jdbc.update("""
                UPDATE cluster SET state = ?, inventory = ?, installed_by = ?, updated_at = CURRENT_TIMESTAMP,
                  removed_at = NULL WHERE name = ?""", state(ClusterState.ACTIVE), inventoryYaml, installId, name);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO cluster (name, state, inventory, installed_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                    name, state(ClusterState.ACTIVE), inventoryYaml, installId);
        }
    }

    void changed(String name, String inventoryYaml) {
        jdbc.update("UPDATE cluster SET inventory = ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?", inventoryYaml, name);
    }

    void removed(String name) {
        jdbc.update("UPDATE cluster SET state = ?, updated_at = CURRENT_TIMESTAMP, removed_at = CURRENT_TIMESTAMP"
                + " WHERE name = ?", state(ClusterState.REMOVED), name);
    }

    private static String state(ClusterState state) {
        return state.name();
    }

    private static KnownCluster cluster(ResultSet row, int index) throws SQLException {
        Timestamp removed = row.getTimestamp("removed_at");
        return new KnownCluster(row.getString("name"),
                ClusterState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), row.getString("inventory"),
                row.getString("installed_by"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant(), removed == null ? null : removed.toInstant());
    }
}
