package io.kubeorch.monitoring;

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

    InstallGauges(Readings readings, MeterRegistry registry, RuntimeService runtime, TaskService tasks,
            ManagementService management, JdbcTemplate jdbc) {
        readings.add("unfinished", () -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(InstallModel.PROCESS).count());
        readings.add("approval", () -> tasks.createTaskQuery().processDefinitionKey(InstallModel.PROCESS)
                .taskDefinitionKey(InstallModel.APPROVAL_TASK).count());
        readings.add("decision", () -> tasks.createTaskQuery().processDefinitionKey(InstallModel.PROCESS)
                .taskDefinitionKeyLike(InstallModel.DECISION_TASK_PREFIX + "%").count());
        // a node's incident is echoed on the install's own process, which therefore has one too
        readings.add("failed", () -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(InstallModel.PROCESS).withIncident().count());
        // only where incidents arose, not their echoes on the calling processes: what operators must act on
        String incidents = management.getTableName(IncidentEntity.class);
        readings.add("incidents", () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + incidents + " WHERE ID_ = ROOT_CAUSE_INCIDENT_ID_", Long.class));

        // the same precedence as the REST API's state: failed, then waiting, else running
        unfinished(registry, readings, "failed", r -> r.value("failed"));
        unfinished(registry, readings, "waiting-for-approval", r -> r.value("approval"));
        unfinished(registry, readings, "waiting-for-decision", r -> r.value("decision"));
        unfinished(registry, readings, "running", r -> Math.max(0, r.value("unfinished") - r.value("failed")
                - r.value("approval") - r.value("decision")));
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
