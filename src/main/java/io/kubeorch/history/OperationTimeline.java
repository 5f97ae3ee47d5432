package io.kubeorch.history;

import java.time.Instant;
import java.util.List;

/** One operation's history: what happened in order, and each node's steps with what they took. */
public record OperationTimeline(OperationSummary operation, List<HistoryEvent> events, List<NodeSteps> nodes) {

    /**
     * @param phase where the node stands now (the install view's phase)
     * @param durationMs from the node's first command's start to its last one's end
     */
    public record NodeSteps(String name, String address, List<String> roles, String phase, Instant startedAt,
            Instant endedAt, Long durationMs, List<StepRun> steps) {
    }
}
