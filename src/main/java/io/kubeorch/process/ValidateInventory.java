package io.kubeorch.process;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import io.kubeorch.inventory.InvalidInventoryException;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The install's first task. An install started through the REST API was validated and recorded
 * before it started; one started from Tasklist's form arrives with its inventory text, which is
 * validated and recorded here. An invalid inventory ends the install before any host is touched.
 */
@Component("validateInventory")
class ValidateInventory implements JavaDelegate {

    static final String INVALID_INVENTORY = "INVALID_INVENTORY";

    private final Installs installs;
    private final InventoryParser parser;

    ValidateInventory(Installs installs, InventoryParser parser) {
        this.installs = installs;
        this.parser = parser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String installId = (String) execution.getVariable(Variables.INSTALL_ID);
        if (installId != null && installs.find(installId).isPresent()) {
            return;
        }
        String yaml = (String) execution.getVariable(Variables.INVENTORY_YAML);
        if (yaml == null || yaml.isBlank()) {
            throw new BpmnError(INVALID_INVENTORY, "inventoryYaml: the install was started without an inventory");
        }
        Inventory inventory;
        try {
            inventory = parser.parse(yaml);
        } catch (InvalidInventoryException e) {
            throw new BpmnError(INVALID_INVENTORY, e.errors().stream()
                    .map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("\n")));
        }
        String id = installId != null ? installId : UUID.randomUUID().toString();
        installs.add(new Installs.Install(id, inventory.name(), yaml, execution.getProcessInstanceId(),
                (String) execution.getVariable(Variables.INITIATOR), Instant.now()));
        execution.setVariable(Variables.INSTALL_ID, id);
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(id);
        }
    }
}
