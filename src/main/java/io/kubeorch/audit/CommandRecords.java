package io.kubeorch.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.kubeorch.database.Outages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The command record table. Each write commits on its own, at once (steps run outside any
 * transaction, so a plain statement on an auto-commit connection is one round trip): a command's
 * trace is there whatever becomes of its step, even if kubeorch dies a moment later. A write that
 * meets the database away waits for it (a few minutes), so a restart of the database neither
 * loses a record nor fails the step that ran the command.
 */
@Repository
public class CommandRecords {

    static final int COMMAND_LIMIT = 4000;
    static final int OUTPUT_LIMIT = 8000;
    static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;

    CommandRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws IllegalStateException when called inside a transaction, whose rollback would take the record with it */
    public void add(CommandRecord record) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a command record must commit on its own: run commands outside transactions");
        }
        Outages.waitingOut("the record of " + record.step() + " on " + record.node(), OUTAGE_PATIENCE, () -> insert(record));
    }

    private int insert(CommandRecord record) {
        return jdbc.update("""
                INSERT INTO command_record
                  (install_id, node, step, command, outcome, exit_code, changed, started_at, duration_ms, output_tail,
                   engine_instance)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                record.installId(), record.node(), record.step(), head(record.command(), COMMAND_LIMIT),
                record.outcome(), record.exitCode(), record.changed(), Timestamp.from(record.startedAt()),
                record.durationMs(), tail(record.outputTail(), OUTPUT_LIMIT), record.engineInstance());
    }

    public List<CommandRecord> forInstall(String installId) {
        return jdbc.query("SELECT * FROM command_record WHERE install_id = ? ORDER BY id", CommandRecords::map, installId);
    }

    /** The commands of several installs, each install's in the order they ran; for figures across installs. */
    public List<CommandRecord> forInstalls(Collection<String> installIds) {
        List<CommandRecord> records = new ArrayList<>();
        List<String> ids = List.copyOf(installIds);
        // in chunks: databases bound the number of parameters of one statement
        for (int start = 0; start < ids.size(); start += 500) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + 500));
            String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
            records.addAll(jdbc.query("SELECT * FROM command_record WHERE install_id IN (" + marks + ") ORDER BY id",
                    CommandRecords::map, chunk.toArray()));
        }
        return records;
    }

    private static CommandRecord map(ResultSet row, int index) throws SQLException {
        return new CommandRecord(
                row.getLong("id"),
                row.getString("install_id"),
                row.getString("node"),
                row.getString("step"),
                row.getString("command"),
                row.getString("outcome"),
                row.getObject("exit_code", Integer.class),
                row.getBoolean("changed"),
                row.getTimestamp("started_at").toInstant(),
                row.getLong("duration_ms"),
                row.getString("output_tail"),
                row.getString("engine_instance"));
    }

    private static String head(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }

    static String tail(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        return text.substring(text.length() - limit);
    }
}
