package io.kubeorch.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import io.kubeorch.model.Processes;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

class InstallStateTest {

    private final BpmnModelInstance install = Bpmn.readModelFromFile(
            Path.of("processes", Processes.INSTALL + ".bpmn").toFile());

    @Test
    void everyEndOfTheInstallNamesTheStateItEndsIn() {
        Set<InstallState> reached = EnumSet.noneOf(InstallState.class);
        for (EndEvent end : install.getModelElementsByType(EndEvent.class)) {
            if (!(end.getParentElement() instanceof Process)) {
                continue; // the end of a subprocess continues the install
            }
            assertThat(InstallState.ofEndEvent(end.getId())).as(end.getId()).isPresent();
            reached.add(InstallState.ofEndEvent(end.getId()).orElseThrow());
        }
        assertThat(reached).containsExactlyInAnyOrder(InstallState.COMPLETED, InstallState.REJECTED,
                InstallState.ABORTED, InstallState.INVALID, InstallState.REFUSED, InstallState.APPROVAL_EXPIRED);
    }

    @Test
    void aCauseAfterTheStateIsNotPartOfIt() {
        assertThat(InstallState.ofEndEvent("installAbortedOnFailedPreflight")).contains(InstallState.ABORTED);
        assertThat(InstallState.ofEndEvent("installApprovalExpired")).contains(InstallState.APPROVAL_EXPIRED);
        assertThat(InstallState.ofEndEvent("clusterInstalled")).isEmpty();
        assertThat(InstallState.ofEndEvent("installRunning")).as("not a state an install ends in").isEmpty();
    }

    @Test
    void statesAreNamedForTheApiInLowerCaseWithDashes() {
        assertThat(InstallState.WAITING_FOR_APPROVAL.label()).isEqualTo("waiting-for-approval");
        assertThat(InstallState.COMPLETED.label()).isEqualTo("completed");
    }
}
