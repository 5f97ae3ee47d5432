package io.kubeorch.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A kind of operation the history shows: installs ({@link InstallOperations}); each day-2
 * operation adds its own as a bean, and its operations appear in the history's lists, timelines
 * and figures with their kind. The history reads the rest (who did what, incidents, steps) from
 * Camunda's history of the operation's process and from the command record under its id.
 */
public interface OperationSource {

    /** One operation as its own records have it. */
    record Operation(String id, String kind, String cluster, String startedBy, Instant startedAt,
            String processInstanceId) {
    }

    /**
     * Where an operation stands, as its own API names it.
     *
     * @param message why it waits or ended, when there is something to say
     */
    record Status(String state, boolean ended, String message) {
    }

    /** A node of the operation now: its phase and the step it is at, as the operation's own view has them. */
    record Node(String name, String address, List<String> roles, String phase, String step) {
    }

    /** An incident waiting for an operator, where it arose. */
    record OpenIncident(String node, String step, String message, String processInstanceId) {
    }

    /** The operation now, for its page: status, nodes, open incidents. */
    record Now(Status status, List<Node> nodes, List<OpenIncident> incidents) {
    }

    /** The operations of this kind requested in {@code [from, to)}, newest first, at most {@code limit}. */
    List<Operation> requestedBetween(Instant from, Instant to, int limit);

    Optional<Operation> find(String id);

    /** Only the status, cheaply: lists ask it of many operations. */
    Status status(String id);

    Optional<Now> now(String id);

    /** The node the steps of the operation's own process (not of its per-node processes) run on. */
    String ownStepsNode(String id);
}
