package io.kubeorch.retention;

import java.sql.Timestamp;
import java.time.Instant;

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
 * Removes kubeorch's own rows of installs whose history Camunda's cleanup removed: the install row
 * and its command record. Reads the install table with SQL of its own. Every instance on a
 * database runs it; the deletes are idempotent.
 */
@Component
public class CleanedInstalls {

    private static final Logger log = LoggerFactory.getLogger(CleanedInstalls.class);

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final String history;
    private final boolean historyOff;

    CleanedInstalls(JdbcTemplate jdbc, RetentionProperties properties, ProcessEngine engine) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.history = engine.getManagementService().getTableName(HistoricProcessInstance.class);
        this.historyOff = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel()
                == HistoryLevel.HISTORY_LEVEL_NONE;
    }

    /**
     * Deletes the rows of every install older than the grace period that has no history of its
     * process left (cleaned, or never started). The engine's clock decides what is old. Command
     * records go first: interrupted in between, the next sweep finds the install again.
     *
     * @return the number of installs removed
     */
    public int removeInstallsWithoutHistory() {
        if (historyOff) {
            return 0; // without history every install would look cleaned
        }
        Timestamp before = Timestamp.from(Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())
                .minus(properties.grace()));
        String cleaned = "SELECT i.id FROM install i WHERE i.requested_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM " + history + " p WHERE p.ID_ = i.process_instance_id)";
        int commands = jdbc.update("DELETE FROM command_record WHERE install_id IN (" + cleaned + ")", before);
        int installs = jdbc.update("DELETE FROM install WHERE id IN (" + cleaned + ")", before);
        if (installs > 0) {
            log.info("Removed {} installs whose history was cleaned, with their {} command records", installs, commands);
        }
        return installs;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${kubeorch.retention.sweep-interval:PT1H}")
    void sweep() {
        try {
            removeInstallsWithoutHistory();
        } catch (RuntimeException e) {
            log.warn("Could not remove the rows of cleaned installs; trying again in {}: {}",
                    properties.sweepInterval(), e.toString());
        }
    }
}
