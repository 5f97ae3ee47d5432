package io.kubeorch.cluster;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryParser;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * The parsed inventories of a day-2 operation, read from the operation table: the steps, the
 * models' node lists and the views all need them, often, and they never change once recorded. The
 * most recently used are kept parsed, a bounded number of them.
 */
@Component
public class OperationInventories {

    /** More operations than run at once, fewer than a long-lived server sees. */
    static final int KEPT = 64;

    /** An operation with its inventories, parsed. */
    public record Parsed(Operation operation, Inventory before, Inventory after) {

        /**
         * The inventory a step on {@code nodeName} sees: the cluster as the operation leaves it,
         * except for a node the operation removes, which sees the cluster it leaves (its address
         * and login are there). The operation's own tasks ({@code nodeName} null) see it as left.
         */
        public Inventory forNode(String nodeName) {
            return nodeName != null && after.node(nodeName).isEmpty() && before.node(nodeName).isPresent() ? before : after;
        }
    }

    private final Operations operations;
    private final InventoryParser parser;
    private final ConcurrentLruCache<String, Parsed> parsed = new ConcurrentLruCache<>(KEPT, this::load);

    OperationInventories(Operations operations, InventoryParser parser) {
        this.operations = operations;
        this.parser = parser;
    }

    /** @throws OperationNotFoundException when no day-2 operation has this id */
    public Parsed of(String operationId) {
        return parsed.get(operationId);
    }

    private Parsed load(String operationId) {
        Operation operation = operations.find(operationId).orElseThrow(() -> new OperationNotFoundException(operationId));
        Inventory before = parser.read(operation.inventoryBefore());
        Inventory after = operation.inventoryAfter().equals(operation.inventoryBefore()) ? before
                : parser.read(operation.inventoryAfter());
        return new Parsed(operation, before, after);
    }
}
