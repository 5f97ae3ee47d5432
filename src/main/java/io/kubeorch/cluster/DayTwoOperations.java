package io.kubeorch.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kubeorch.history.OperationSource;
import io.kubeorch.install.InstallQueries;
import io.kubeorch.inventory.InventoryParser;
import org.springframework.stereotype.Component;

/**
 * Day-2 operations for the history page: the operation table for who asked what of which
 * cluster, their processes for where they stand. Their nodes are the ones each operation is about.
 */
@Component
class DayTwoOperations implements OperationSource {

    private final Operations operations;
    private final InstallQueries queries;
    private final InventoryParser parser;

    DayTwoOperations(Operations operations, InstallQueries queries, InventoryParser parser) {
        this.operations = operations;
        this.queries = queries;
        this.parser = parser;
    }

    @Override
    public List<OperationSource.Operation> requestedBetween(Instant from, Instant to, int limit) {
        return operations.requestedBetween(from, to, limit).stream().map(DayTwoOperations::operation).toList();
    }

    @Override
    public Optional<OperationSource.Operation> find(String id) {
        return operations.find(id).map(DayTwoOperations::operation);
    }

    @Override
    public Status status(String id) {
        return operations.find(id).filter(operation -> operation.processInstanceId() != null)
                .map(operation -> queries.progress(operation.processInstanceId()))
                .map(progress -> new Status(progress.state().label(), progress.state().ended(), progress.message()))
                .orElse(new Status("running", false, null));
    }

    @Override
    public Optional<Now> now(String id) {
        return operations.find(id).filter(operation -> operation.processInstanceId() != null).map(operation -> {
            InstallQueries.Progress progress = queries.progress(operation.processInstanceId());
            var inventory = parser.read(operation.inventoryBefore());
            List<Node> nodes = operation.nodes().stream().map(name -> inventory.nodes().stream()
                    .filter(node -> node.name().equals(name)).findFirst()
                    .map(node -> new Node(name, node.address(), node.roles().stream().map(role -> role.label()).toList(),
                            progress.state().ended() ? "ended" : "in operation", null))
                    .orElse(new Node(name, null, List.of(), progress.state().ended() ? "ended" : "in operation", null)))
                    .toList();
            return new Now(new Status(progress.state().label(), progress.state().ended(), progress.message()), nodes,
                    progress.incidents().stream().map(incident -> new OpenIncident(incident.node(), incident.step(),
                            incident.message(), incident.processInstanceId())).toList());
        });
    }

    /** A day-2 operation's own steps run on the cluster's control planes, the first that can. */
    @Override
    public String ownStepsNode(String id) {
        return "control planes";
    }

    /** (Inside this class {@code Operation} is the history's; the record's is named in full.) */
    private static OperationSource.Operation operation(io.kubeorch.cluster.Operation operation) {
        return new OperationSource.Operation(operation.id(), operation.kind().label(), operation.cluster(),
                operation.requestedBy(), operation.requestedAt(), operation.processInstanceId());
    }
}
