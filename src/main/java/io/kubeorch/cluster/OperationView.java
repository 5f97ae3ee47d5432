package io.kubeorch.cluster;

import java.time.Instant;
import java.util.List;

import io.kubeorch.install.InstallState;
import io.kubeorch.install.InstallView.IncidentView;

/**
 * An operation, an install or a day-2 one, as operators and the REST API see it.
 *
 * @param nodes the nodes it is about: every node of an install or teardown, those an addition
 *              joins, the one a removal takes out
 * @param state where it stands (the same states as an install's)
 * @param message why it waits or ended, when there is something to say
 */
public record OperationView(
        String id,
        OperationKind kind,
        String cluster,
        List<String> nodes,
        InstallState state,
        String message,
        String processInstanceId,
        String requestedBy,
        Instant requestedAt,
        List<IncidentView> incidents) {
}
