package io.kubeorch.cluster;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import io.kubeorch.model.Processes;

/** What an operation does to a cluster, as the REST API names it, and the process that does it. */
public enum OperationKind {

    INSTALL("install", Processes.INSTALL),
    /** Labelled like its process, as removals are. */
    ADD_NODES(Processes.ADD_NODES, Processes.ADD_NODES),
    REMOVE_NODE(Processes.REMOVE_NODE, Processes.REMOVE_NODE),
    TEARDOWN("teardown", Processes.TEARDOWN);

    private final String label;
    private final String processKey;

    OperationKind(String label, String processKey) {
        this.label = label;
        this.processKey = processKey;
    }

    @JsonValue
    public String label() {
        return label;
    }

    String processKey() {
        return processKey;
    }

    static Optional<OperationKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
