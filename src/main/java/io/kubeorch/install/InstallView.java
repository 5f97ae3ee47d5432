package io.kubeorch.install;

import java.time.Instant;
import java.util.List;

/**
 * An install as operators and the REST API see it.
 *
 * @param state where it stands (see {@link InstallState})
 * @param message why it waits or ended, when there is something to say
 */
public record InstallView(
        String id,
        String cluster,
        InstallState state,
        String message,
        String processInstanceId,
        String requestedBy,
        Instant requestedAt,
        List<NodeView> nodes,
        List<IncidentView> incidents) {

    /**
     * @param phase {@code waiting}, {@code preparing}, {@code prepared}, {@code initializing} and {@code initialized}
     *        (the first control plane), {@code joining}, {@code joined}, {@code ready} (every node of a
     *        completed install) or {@code failed}
     * @param step the step the node is at (or failed in), when it is in one
     */
    public record NodeView(String name, String address, List<String> roles, String phase, String step) {
    }

    public record IncidentView(String incidentId, String node, String step, String message, String processInstanceId) {
    }
}
