package io.kubeorch.inventory;

import java.util.Objects;

/**
 * One problem in an inventory.
 *
 * @param field where it is, as a path into the YAML document, e.g. {@code nodes[1].address} or
 *              {@code kubernetes.podSubnet}; {@code (document)} for problems with the document as a whole
 * @param message what is wrong and what to do about it
 */
public record InventoryError(String field, String message) {

    public InventoryError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
