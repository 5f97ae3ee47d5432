package io.kubeorch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import io.kubeorch.cluster.ClusterRecords;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;
import io.kubeorch.web.InstallApi;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An install's history and kubeorch's own rows of it go once its time to live (P180D in the
 * models) has passed and the history cleanup ran; a recent install's stay. The same on every
 * database: Camunda's cleanup and kubeorch's sweep are SQL of each.
 */
abstract class HistoryRetention {

    static final String PASSWORD = "retention-test-password";

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    @Autowired
    CleanedOperations cleanedOperations;

    @Autowired
    ClusterRecords clusterRecords;

    @Autowired
    JdbcTemplate jdbc;

    private Lab lab;

    /** A loopback prefix of its own. */
    abstract String labPrefix();

    @AfterEach
    void resetClockAndLab() {
        ClockUtil.reset();
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void operationsPastTheirTimeToLiveLeaveNoHistoryNorRowsWhileRecentOnesAreKept() throws Exception {
        Lab.requireRoot();
        lab = Lab.start(LabOptions.builder(labPrefix(), Path.of("target", "lab-" + getClass().getSimpleName()))
                .nodes(1).build());
        InstallApi api = new InstallApi("http://localhost:" + port, "admin", PASSWORD, HttpClient.newHttpClient());
        String inventory = Files.readString(lab.inventory());
        String old = rejectedInstall(api, inventory);
        clusterRecords.changed(old); // the cluster known as if that install had completed: day-2 operations may start
        String oldTeardown = rejectedTeardown(api);
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(181))));
        String recent = rejectedInstall(api, inventory);
        String recentTeardown = rejectedTeardown(api);
        List<String> oldProcesses = processesOf(api, old);
        oldProcesses.add(operationProcess(api, oldTeardown));
        assertThat(oldProcesses).hasSizeGreaterThan(2); // the install's, its node's, the teardown's
        assertThat(commandRows(old)).isPositive();

        runHistoryCleanup(oldProcesses);
        int removed = cleanedOperations.removeOperationsWithoutHistory();

        HistoryService history = engine.getHistoryService();
        assertThat(removed).as("the old install and the old teardown").isEqualTo(2);
        for (String process : oldProcesses) {
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(process).count()).isZero();
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(process).count()).isZero();
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process).count()).isZero();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM install WHERE id = ?", Long.class, old)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operation WHERE id = ?", Long.class, oldTeardown)).isZero();
        assertThat(commandRows(old)).isZero();
        assertThat(api.engineRest("GET", "/history/process-instance/" + oldProcesses.get(0), null).status())
                .isEqualTo(404);
        assertThat(api.get("/api/operations/" + oldTeardown).status()).isEqualTo(404);

        assertThat(api.install(recent).get("state").asText()).isEqualTo("rejected");
        assertThat(commandRows(recent)).isPositive();
        assertThat(history.createHistoricActivityInstanceQuery()
                .processInstanceId(processesOf(api, recent).get(0)).count()).isPositive();
        assertThat(api.operation(recentTeardown).get("state").asText()).isEqualTo("rejected");
        // a second sweep finds nothing more to do
        assertThat(cleanedOperations.removeOperationsWithoutHistory()).isZero();
    }

    @Test
    void theCleanupRunsInTheConfiguredWindowByRemovalTime() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    }

    private static String rejectedInstall(InstallApi api, String inventory) {
        String id = api.startedInstall(inventory);
        api.awaitState(id, Duration.ofMinutes(3), "waiting-for-approval");
        assertThat(api.approve(id, false, "retention test").status()).isEqualTo(204);
        api.awaitState(id, Duration.ofSeconds(30), "rejected");
        return id;
    }

    private static String rejectedTeardown(InstallApi api) {
        String id = api.accepted(api.delete("/api/clusters/lab"));
        api.awaitOperation(id, Duration.ofSeconds(30), "waiting-for-approval");
        assertThat(api.approveOperation(id, false, "retention test").status()).isEqualTo(204);
        api.awaitOperation(id, Duration.ofSeconds(30), "rejected");
        return id;
    }

    private static String operationProcess(InstallApi api, String operationId) {
        return api.operation(operationId).get("processInstanceId").asText();
    }

    /** The install's own process instance first, then its per-node ones. */
    private List<String> processesOf(InstallApi api, String installId) {
        String root = api.install(installId).get("processInstanceId").asText();
        List<String> all = new ArrayList<>(List.of(root));
        engine.getHistoryService().createHistoricProcessInstanceQuery().rootProcessInstanceId(root).list().stream()
                .map(HistoricProcessInstance::getId).filter(id -> !id.equals(root)).forEach(all::add);
        return all;
    }

    private long commandRows(String installId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM command_record WHERE install_id = ?", Long.class, installId);
    }

    /**
     * Schedules the engine's history cleanup job now, as it runs in its window, and waits until the
     * old processes' history is gone. The job executor runs it; so does the test, in case the
     * executor waits for its next acquisition (the two may collide: the engine then refuses one of them).
     */
    private void runHistoryCleanup(List<String> oldProcesses) {
        HistoryService history = engine.getHistoryService();
        ManagementService management = engine.getManagementService();
        history.cleanUpHistoryAsync(true);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (history.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(oldProcesses)).count() > 0) {
            assertThat(Instant.now()).as("history cleanup within 60 s").isBefore(deadline);
            try {
                management.executeJob(history.findHistoryCleanupJobs().get(0).getId());
            } catch (OptimisticLockingException ranByTheJobExecutorMeanwhile) {
                InstallApi.sleep(Duration.ofMillis(200));
            }
        }
    }
}
