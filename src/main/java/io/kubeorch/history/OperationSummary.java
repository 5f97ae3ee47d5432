package io.kubeorch.history;

import java.time.Instant;
import java.util.List;

/**
 * An operation as the history lists it, running or ended.
 *
 * @param kind what it does: {@code install} (the only kind yet; day-2 operations add theirs)
 * @param state as its own API names it, e.g. {@code completed}, {@code waiting-for-approval}
 * @param durationMs from its start to its end, or until now while it runs
 * @param running whether its process still runs (then Cockpit shows it)
 * @param approvals {@code approved} and {@code rejected} events, each with its user and comment
 * @param decisions {@code decided} events: the task, the choice, the user, the comment
 * @param retries {@code retried} events: which incident (node, step) who retried
 * @param cancelled who cancelled it, and why, when someone did
 */
public record OperationSummary(String id, String kind, String cluster, String state, String startedBy,
        Instant startedAt, Instant endedAt, Long durationMs, String processInstanceId, boolean running,
        List<HistoryEvent> approvals, List<HistoryEvent> decisions, List<HistoryEvent> retries, HistoryEvent cancelled) {
}
