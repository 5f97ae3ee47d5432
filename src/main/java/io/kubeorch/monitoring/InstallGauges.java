package io.kubeorch.monitoring;

import java.util.Arrays;

import io.kubeorch.model.DecisionTask;
import io.kubeorch.model.Processes;
import io.kubeorch.model.UserTasks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Installs not ended yet, by the state the REST API shows ({@code kubeorch_installs_unfinished{state}}),
 * and open incidents ({@code kubeorch_incidents_open}), read from the engine's runtime tables: five
 * count queries per round. They count every instance's installs, so each kubeorch instance on a
 * database reports the same values (use {@code max} across instances, not {@code sum}).
 */
@Component
class InstallGauges {

    private static final String[] DECISION_TASKS = Arrays.stream(DecisionTask.values()).map(DecisionTask::taskId)
            .toArray(String[]::new);

    InstallGauges(Readings readings, MeterRegistry registry, RuntimeService runtime, TaskService tasks,
            ManagementService management, JdbcTemplate jdbc) {
        readings.add("unfinished", () -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(Processes.INSTALL).count());
        readings.add("approvals", () -> tasks.createTaskQuery().processDefinitionKey(Processes.INSTALL)
                .taskDefinitionKey(UserTasks.APPROVE_INIT).count());
        readings.add("decisions", () -> tasks.createTaskQuery().processDefinitionKey(Processes.INSTALL)
                .taskDefinitionKeyIn(DECISION_TASKS).count());
        // a node's incident is echoed on the install's own process, which therefore has one too
        readings.add("failed", () -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(Processes.INSTALL).withIncident().count());
        // only where incidents arose, not their echoes on the calling processes: what operators must act on
        String incidents = management.getTableName(IncidentEntity.class);
        readings.add("incidents", () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + incidents + " WHERE ID_ = ROOT_CAUSE_INCIDENT_ID_", Long.class));

        // the same precedence as the REST API's state: failed, then waiting, else running
        unfinished(registry, readings, "failed", r -> r.value("failed"));
        unfinished(registry, readings, "waiting-for-approval", r -> r.value("approvals"));
        unfinished(registry, readings, "waiting-for-decision", r -> r.value("decisions"));
        unfinished(registry, readings, "running", r -> Math.max(0, r.value("unfinished") - r.value("failed")
                - r.value("approvals") - r.value("decisions")));
        Gauge.builder("kubeorch.incidents.open", readings, r -> r.value("incidents"))
                .description("Open incidents where they arose (a failed step waiting for an operator in Cockpit)")
                .register(registry);
    }

    private static void unfinished(MeterRegistry registry, Readings readings, String state,
            java.util.function.ToDoubleFunction<Readings> value) {
        Gauge.builder("kubeorch.installs.unfinished", readings, value)
                .description("Installs not ended, by state").tag("state", state).register(registry);
    }
}
