package io.kubeorch.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kubeorch.install.InstallInventories;
import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallState;
import io.kubeorch.install.Installs;
import org.springframework.stereotype.Component;

/** Installs, for the history: the install table, and the install view for their state and nodes. */
@Component
class InstallOperations implements OperationSource {

    static final String KIND = "install";

    private final Installs installs;
    private final InstallQueries queries;
    private final InstallInventories inventories;

    InstallOperations(Installs installs, InstallQueries queries, InstallInventories inventories) {
        this.installs = installs;
        this.queries = queries;
        this.inventories = inventories;
    }

    @Override
    public List<Operation> requestedBetween(Instant from, Instant to, int limit) {
        return installs.requestedBetween(from, to, limit).stream().map(this::operation).toList();
    }

    @Override
    public Optional<Operation> find(String id) {
        return installs.find(id).map(this::operation);
    }

    @Override
    public Status status(String id) {
        InstallState state = queries.state(id).orElse(InstallState.RUNNING);
        return new Status(state.label(), state.ended(), null);
    }

    @Override
    public Optional<Now> now(String id) {
        return queries.find(id).map(view -> new Now(
                new Status(view.state().label(), view.state().ended(), view.message()),
                view.nodes().stream().map(node -> new Node(node.name(), node.address(), node.roles(), node.phase(),
                        node.step())).toList(),
                view.incidents().stream().map(incident -> new OpenIncident(incident.node(), incident.step(),
                        incident.message(), incident.processInstanceId())).toList()));
    }

    /** The install's own process runs its steps on the first control plane (the step workers' rule). */
    @Override
    public String ownStepsNode(String id) {
        return inventories.of(id).firstControlPlane().name();
    }

    private Operation operation(Installs.Install install) {
        return new Operation(install.id(), KIND, install.clusterName(), install.requestedBy(), install.requestedAt(),
                install.processInstanceId());
    }
}
