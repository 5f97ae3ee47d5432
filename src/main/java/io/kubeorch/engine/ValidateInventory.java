package io.kubeorch.engine;

import java.util.stream.Collectors;

import io.kubeorch.install.HostsBusyException;
import io.kubeorch.install.InstallInventories;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.inventory.InvalidInventoryException;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The install's first task. An install started through the REST API was validated and recorded
 * before it started; one started from Tasklist's form arrives with its inventory text, which is
 * validated and recorded here. An invalid inventory, or hosts a running install holds, end the
 * install before any host is touched.
 */
@Component("validateInventory")
class ValidateInventory implements JavaDelegate {

    private final InstallStarter starter;
    private final InstallInventories inventories;

    ValidateInventory(InstallStarter starter, InstallInventories inventories) {
        this.starter = starter;
        this.inventories = inventories;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String recorded = (String) execution.getVariable(Variables.INSTALL_ID);
        if (starter.isRecorded(recorded)) {
            execution.setVariable(Variables.ENDPOINT_PLAN, EndpointPlan.of(inventories.of(recorded)));
            return;
        }
        String yaml = (String) execution.getVariable(Variables.INVENTORY_YAML);
        if (yaml == null || yaml.isBlank()) {
            throw new BpmnError(ErrorCodes.INVALID_INVENTORY,
                    Variables.INVENTORY_YAML + ": the install was started without an inventory; paste one into the start form");
        }
        String installId;
        try {
            installId = starter.recordStartedFromForm(yaml, (String) execution.getVariable(Variables.INITIATOR),
                    execution.getProcessInstanceId());
        } catch (InvalidInventoryException e) {
            throw new BpmnError(ErrorCodes.INVALID_INVENTORY, e.errors().stream()
                    .map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("\n")));
        } catch (HostsBusyException e) {
            // recorded, so that the refusal shows among the installs
            execution.setVariable(Variables.INSTALL_ID, e.refusedId());
            execution.setProcessBusinessKey(e.refusedId());
            throw new BpmnError(ErrorCodes.HOSTS_BUSY, e.getMessage());
        }
        execution.setVariable(Variables.INSTALL_ID, installId);
        execution.setVariable(Variables.ENDPOINT_PLAN, EndpointPlan.of(inventories.of(installId)));
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(installId);
        }
    }
}
