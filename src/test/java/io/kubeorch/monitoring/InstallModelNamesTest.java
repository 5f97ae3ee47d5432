package io.kubeorch.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The names the install gauges count by are the install model's. */
class InstallModelNamesTest {

    private final BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes/install-cluster.bpmn").toFile());

    @Test
    void theGaugesCountTheInstallModelsProcessApprovalAndDecisionTasks() {
        assertThat(model.getModelElementsByType(Process.class)).extracting(Process::getId)
                .contains(InstallModel.PROCESS);
        Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);
        assertThat(userTasks).extracting(UserTask::getId).contains(InstallModel.APPROVAL_TASK);
        // every user task is either the approval or a decision, so the waiting gauges miss none
        assertThat(userTasks).extracting(UserTask::getId)
                .allMatch(id -> id.equals(InstallModel.APPROVAL_TASK) || id.startsWith(InstallModel.DECISION_TASK_PREFIX))
                .anyMatch(id -> id.startsWith(InstallModel.DECISION_TASK_PREFIX));
    }
}
