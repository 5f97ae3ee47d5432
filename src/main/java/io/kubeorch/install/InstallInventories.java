package io.kubeorch.install;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import org.springframework.stereotype.Component;

/**
 * The parsed inventory of an install, read from the install table: steps, the process model's
 * node lists and the install view all need it, often, and an install's inventory never changes
 * once recorded. The most recently used are kept parsed, a bounded number of them.
 */
@Component
public class InstallInventories {

    /** More installs than run at once, fewer than a long-lived server sees. */
    static final int KEPT = 256;

    private final Installs installs;
    private final InventoryParser parser;
    private final Map<String, Inventory> parsed = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Inventory> eldest) {
            return size() > KEPT;
        }
    };

    InstallInventories(Installs installs, InventoryParser parser) {
        this.installs = installs;
        this.parser = parser;
    }

    /** @throws InstallNotFoundException when the install is not recorded */
    public Inventory of(String installId) {
        synchronized (parsed) {
            Inventory inventory = parsed.get(installId);
            if (inventory != null) {
                return inventory;
            }
        }
        Inventory inventory = parser.read(installs.find(installId)
                .orElseThrow(() -> new InstallNotFoundException(installId)).inventoryYaml());
        synchronized (parsed) {
            parsed.put(installId, inventory);
        }
        return inventory;
    }
}
