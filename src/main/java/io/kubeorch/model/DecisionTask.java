package io.kubeorch.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operations' decision tasks, each with the choices its gateway can carry out: the form offers
 * exactly these, and the API refuses any other. A choice is the value of {@link Variables#DECISION}.
 */
public enum DecisionTask {

    UNFIT_HOSTS("decideOnUnfitHosts", "decide-on-unfit-hosts", "retry", "abort"),
    FAILED_PREFLIGHT("decideOnFailedPreflight", "decide-on-failed-preflight", "retry", "reset", "abort"),
    /** "retry" keeps waiting for the cluster to become Ready. */
    NOT_READY_CLUSTER("decideOnNotReadyCluster", "decide-on-not-ready-cluster", "retry", "abort"),
    /** Nodes to add do not meet kubeadm's requirements (add-nodes). */
    UNFIT_NEW_HOSTS("decideOnUnfitNewHosts", "decide-on-unfit-new-hosts", "retry", "abort"),
    /** "retry" keeps waiting for the added nodes to become Ready (add-nodes). */
    NOT_READY_NODES("decideOnNotReadyNodes", "decide-on-not-ready-nodes", "retry", "abort"),
    /** Pods would not leave the node in time (remove-node); "abort" uncordons it. */
    FAILED_DRAIN("decideOnFailedDrain", "decide-on-failed-drain", "retry", "abort"),
    /** The removed node's host stayed out of reach for its reset (remove-node); "skip" leaves it unreset. */
    UNREACHABLE_HOST("decideOnUnreachableHost", "decide-on-unreachable-host", "retry", "skip");

    private final String taskId;
    private final String formId;
    private final List<String> choices;

    DecisionTask(String taskId, String formId, String... choices) {
        this.taskId = taskId;
        this.formId = formId;
        this.choices = List.of(choices);
    }

    public String taskId() {
        return taskId;
    }

    public String formId() {
        return formId;
    }

    public List<String> choices() {
        return choices;
    }

    public static Optional<DecisionTask> ofTask(String taskDefinitionKey) {
        return Arrays.stream(values()).filter(task -> task.taskId.equals(taskDefinitionKey)).findFirst();
    }
}
