package io.kubeorch.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A cluster kubeorch knows, as operators and the REST API see it: what it is now and what was
 * done to it.
 *
 * @param endpoint where clients reach its API servers ({@code name:port}, or the only control plane's address)
 * @param inventory the inventory as the cluster now stands, the text day-2 operations start from
 * @param operations every operation on it, its installs included, newest first
 */
public record ClusterView(
        String name,
        ClusterState state,
        String endpoint,
        String kubernetesVersion,
        String containerdVersion,
        String networkPlugin,
        List<NodeView> nodes,
        String inventory,
        String installedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant removedAt,
        List<OperationQueries.Summary> operations) {

    public record NodeView(String name, String address, List<String> roles) {
    }

    /** A cluster in a list. */
    public record Summary(String name, ClusterState state, String endpoint, String kubernetesVersion, int nodes,
            int controlPlanes, Instant updatedAt) {
    }
}
