package io.kubeorch.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** An inventory that cannot be installed, with every problem found in it (not only the first). */
public class InvalidInventoryException extends RuntimeException {

    private final List<InventoryError> errors;

    public InvalidInventoryException(List<InventoryError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid inventory has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<InventoryError> errors() {
        return errors;
    }

    private static String describe(List<InventoryError> errors) {
        String heading = errors.size() == 1
                ? "The inventory has 1 problem:"
                : "The inventory has " + errors.size() + " problems:";
        return errors.stream()
                .map(error -> "  - " + error)
                .collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
