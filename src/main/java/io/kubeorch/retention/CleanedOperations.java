package io.kubeorch.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes kubeorch's own rows of operations whose history Camunda's cleanup removed: the install
 * or day-2 operation row and its command record. Reads those tables with SQL of its own. Every
 * instance on a database runs it; the deletes are idempotent.
 */
@Component
public class CleanedOperations {

    private static final Logger log = LoggerFactory.getLogger(CleanedOperations.class);

    /** The tables with one row per operation: installs, and the day-2 operations. */
    private static final List<String> OPERATION_TABLES = List.of("install", "operation");

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final String history;
    private final boolean historyOff;

    CleanedOperations(JdbcTemplate jdbc, RetentionProperties properties, ProcessEngine engine) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.history = engine.getManagementService().getTableName(HistoricProcessInstance.class);
        this.historyOff = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel()
                == HistoryLevel.HISTORY_LEVEL_NONE;
    }

    /**
     * Deletes the rows of every operation older than the grace period that has no history of its
     * process left (cleaned, or never started). The engine's clock decides what is old. Command
     * records go first: interrupted in between, the next sweep finds the operation again.
     *
     * @return the number of operations removed, installs and day-2 operations
     */
    public int removeOperationsWithoutHistory() {
        if (historyOff) {
            return 0; // without history every operation would look cleaned
        }
        Timestamp before = Timestamp.from(Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())
                .minus(properties.grace()));
        int removed = 0;
        for (String table : OPERATION_TABLES) {
            String cleaned = "SELECT o.id FROM " + table + " o WHERE o.requested_at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM " + history + " p WHERE p.ID_ = o.process_instance_id)";
            int commands = jdbc.update("DELETE FROM command_record WHERE install_id IN (" + cleaned + ")", before);
            int operations = jdbc.update("DELETE FROM " + table + " WHERE id IN (" + cleaned + ")", before);
            if (operations > 0) {
                log.info("Removed {} rows of {} whose history was cleaned, with their {} command records", operations,
                        table, commands);
            }
            removed += operations;
        }
        return removed;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${kubeorch.retention.sweep-interval:PT1H}")
    void sweep() {
        try {
            removeOperationsWithoutHistory();
        } catch (RuntimeException e) {
            log.warn("Could not remove the rows of cleaned operations; trying again in {}: {}",
                    properties.sweepInterval(), e.toString());
        }
    }
}
