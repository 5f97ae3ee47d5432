package io.kubeorch.history;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One thing that happened to an operation, for its timeline: who did what, when, where.
 *
 * @param kind {@code requested}, {@code waiting} (a task for an operator appeared), {@code claimed},
 *        {@code assigned}, {@code approved}, {@code rejected}, {@code decided}, {@code completed}
 *        (another task), {@code incident}, {@code retried}, {@code cancelled}, {@code ended}
 * @param user who did it, when a person did
 * @param task the operator task it concerns
 * @param node and {@code step}: where, for incidents and retries
 * @param outcome the choice (a decision's), the state (an end's), the new assignee (an assignment's)
 * @param comment what the person wrote with it
 * @param message what the incident said, its first line
 */
public record HistoryEvent(Instant at, Kind kind, String user, String task, String node, String step, String outcome,
        String comment, String message) {

    /** What happened; in JSON its lower-case name. */
    public enum Kind {
        REQUESTED, WAITING, CLAIMED, ASSIGNED, APPROVED, REJECTED, DECIDED, COMPLETED, INCIDENT, RETRIED, CANCELLED, ENDED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static HistoryEvent of(Instant at, Kind kind, String user) {
        return new HistoryEvent(at, kind, user, null, null, null, null, null, null);
    }

    HistoryEvent withTask(String name) {
        return new HistoryEvent(at, kind, user, name, node, step, outcome, comment, message);
    }

    HistoryEvent where(String onNode, String inStep) {
        return new HistoryEvent(at, kind, user, task, onNode, inStep, outcome, comment, message);
    }

    HistoryEvent saying(String result, String note) {
        return new HistoryEvent(at, kind, user, task, node, step, result, note, message);
    }

    HistoryEvent withMessage(String text) {
        return new HistoryEvent(at, kind, user, task, node, step, outcome, comment, text);
    }
}
