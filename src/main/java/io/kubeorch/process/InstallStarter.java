package io.kubeorch.process;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts installs: validates the inventory, records it, starts the install process. */
@Service
public class InstallStarter {

    public static final String PROCESS_KEY = "install-cluster";

    private final InventoryParser parser;
    private final Installs installs;
    private final RuntimeService runtime;

    InstallStarter(InventoryParser parser, Installs installs, RuntimeService runtime) {
        this.parser = parser;
        this.installs = installs;
        this.runtime = runtime;
    }

    /**
     * @return the new install's id, also the business key of its process instances
     * @throws io.kubeorch.inventory.InvalidInventoryException before anything is recorded or started
     */
    @Transactional
    public String start(String inventoryYaml, String requestedBy) {
        Inventory inventory = parser.parse(inventoryYaml);
        String installId = UUID.randomUUID().toString();
        installs.add(new Installs.Install(installId, inventory.name(), inventoryYaml, null, requestedBy, Instant.now()));
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, installId,
                Map.of(Variables.INSTALL_ID, installId));
        installs.attachProcessInstance(installId, instance.getId());
        return installId;
    }
}
