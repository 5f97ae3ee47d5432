package io.kubeorch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every process model in processes/ follows, checked on the files operators deploy. */
class ProcessModelTest {

    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("processes")).filter(path -> path.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyProcessKeepsItsHistoryForAWhile(Path model) {
        for (Process process : read(model).getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyStepIsAnExternalTaskWithARetryCycleAndATimeout(Path model) {
        Collection<ServiceTask> tasks = read(model).getModelElementsByType(ServiceTask.class);
        assertThat(tasks).isNotEmpty();
        for (ServiceTask task : tasks) {
            assertThat(retryCycle(task)).as(task.getId() + " retry cycle").isEqualTo("${installPolicy.retryCycle}");
            if (task.getId().equals("validateInventory")) {
                // no host is touched: a job of the engine's, not a step
                assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " asyncBefore").isTrue();
                assertThat(task.getCamundaDelegateExpression()).isEqualTo("${validateInventory}");
                continue;
            }
            assertThat(task.getCamundaType()).as(task.getId() + " type").isEqualTo("external");
            assertThat(task.getCamundaTopic()).as(task.getId() + " topic").isIn(Topics.STEP, Topics.HOST_CHECK);
            // the task's own commit hands it to the workers: an async continuation would add a job to each step
            assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " asyncBefore").isFalse();
            assertThat(timeout(task)).as(task.getId() + " timeout").matches("PT\\d+[MS]");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void perNodeWorkRunsInChildProcessesThatEndInTheirOwnJob(Path model) {
        BpmnModelInstance instance = read(model);
        for (CallActivity call : instance.getModelElementsByType(CallActivity.class)) {
            assertThat(call.getLoopCharacteristics()).as(call.getId() + " multi-instance").isNotNull();
            assertThat(call.isCamundaAsyncBefore()).as(call.getId()).isTrue();
            // each ended child is counted in a job of the install process (its jobs run one at a
            // time), not in the child's transaction, where children ending at once collided
            assertThat(((MultiInstanceLoopCharacteristics) call.getLoopCharacteristics()).isCamundaAsyncAfter())
                    .as(call.getId() + " loop asyncAfter").isTrue();
        }
        Process process = instance.getModelElementsByType(Process.class).iterator().next();
        if (process.getId().endsWith("-node")) {
            // a node's end is a job of its own, apart from its last step, retried quickly
            for (EndEvent end : instance.getModelElementsByType(EndEvent.class)) {
                assertThat(end.isCamundaAsyncBefore()).as(end.getId() + " asyncBefore").isTrue();
                assertThat(retryCycle(end)).as(end.getId() + " retry cycle").isEqualTo("R10/PT1S");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void elementIdsSayWhatTheElementIs(Path model) {
        for (BaseElement element : read(model).getModelElementsByType(BaseElement.class)) {
            assertThat(element.getId()).as(element.getElementType().getTypeName())
                    .doesNotMatch(".*[0-9a-f]{6,}.*")
                    .doesNotStartWith("Activity_").doesNotStartWith("Flow_").doesNotStartWith("Gateway_");
        }
        for (FlowNode node : read(model).getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as(node.getId() + " has a name").isNotBlank();
        }
    }

    private static BpmnModelInstance read(Path model) {
        return Bpmn.readModelFromFile(model.toFile());
    }

    private static String retryCycle(BaseElement element) {
        return element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent();
    }

    private static String timeout(ServiceTask task) {
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).singleResult()
                .getCamundaProperties().stream()
                .filter(property -> property.getCamundaName().equals(StepProperties.TIMEOUT))
                .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
    }
}
