package io.kubeorch.install;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts installs. An install is started through the REST API ({@link #start}) or from Tasklist's
 * start form, whose process records it in its first task ({@link #recordStartedFromForm}); both
 * validate it, record it and take its hosts the same way ({@link #record}).
 */
@Service
public class InstallStarter {

    private final InventoryParser parser;
    private final Installs installs;
    private final HostLocks hostLocks;
    private final RuntimeService runtime;

    InstallStarter(InventoryParser parser, Installs installs, HostLocks hostLocks, RuntimeService runtime) {
        this.parser = parser;
        this.installs = installs;
        this.hostLocks = hostLocks;
        this.runtime = runtime;
    }

    /**
     * Validates and records the install, then starts its process.
     *
     * @return the new install's id, also the business key of its process instances
     * @throws io.kubeorch.inventory.InvalidInventoryException before anything is recorded or started
     * @throws HostsBusyException when a running install holds some of its hosts; nothing is recorded
     */
    @Transactional
    public String start(String inventoryYaml, String requestedBy) {
        String installId = record(inventoryYaml, requestedBy, null);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.INSTALL_ID, installId);
        // what the start event records for a signed-in user, also when the caller is kubeorch's own code
        variables.put(Variables.INITIATOR, requestedBy);
        ProcessInstance instance = runtime.startProcessInstanceByKey(Processes.INSTALL, installId, variables);
        installs.attachProcessInstance(installId, instance.getId());
        return installId;
    }

    /**
     * Validates and records an install whose process was started from Tasklist's form, with the
     * inventory text the form gave it.
     *
     * @return the new install's id
     * @throws io.kubeorch.inventory.InvalidInventoryException before anything is recorded
     * @throws HostsBusyException when a running install holds some of its hosts (the install is recorded, its hosts not)
     */
    public String recordStartedFromForm(String inventoryYaml, String requestedBy, String processInstanceId) {
        return record(inventoryYaml, requestedBy, processInstanceId);
    }

    /** Whether the install is recorded already (it was started through the REST API). */
    public boolean isRecorded(String installId) {
        return installId != null && installs.find(installId).isPresent();
    }

    private String record(String inventoryYaml, String requestedBy, String processInstanceId) {
        Inventory inventory = parser.parse(inventoryYaml);
        String installId = UUID.randomUUID().toString();
        installs.add(new Installs.Install(installId, inventory.name(), inventoryYaml, processInstanceId, requestedBy,
                Instant.now()));
        try {
            hostLocks.acquire(installId, inventory.name(), requestedBy,
                    inventory.nodes().stream().map(Inventory.Node::address).toList());
        } catch (HostsBusyException e) {
            throw e.refusing(installId);
        }
        return installId;
    }
}
