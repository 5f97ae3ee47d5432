package io.kubeorch.history;

import java.time.Instant;
import java.util.List;

/**
 * One operation's history: what happened in order, each node's steps with what they took, and
 * what waits for an operator now.
 *
 * @param message why it waits or ended, when there is something to say
 */
public record OperationTimeline(OperationSummary operation, String message, List<HistoryEvent> events,
        List<NodeSteps> nodes, List<OperationSource.OpenIncident> incidents) {

    /**
     * @param phase where the node stands now, and {@code step} the step it is at (the operation's own view)
     * @param durationMs from the node's first command's start to its last one's end
     */
    public record NodeSteps(String name, String address, List<String> roles, String phase, String step,
            Instant startedAt, Instant endedAt, Long durationMs, List<StepRun> steps) {
    }
}
