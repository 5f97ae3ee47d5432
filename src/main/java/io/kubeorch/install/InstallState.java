package io.kubeorch.install;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an install stands, as operators and the REST API name it ({@code waiting-for-approval}).
 *
 * <p>An ended install's state is read from the end event it reached. Every end event of the
 * install process is named {@code install<State>} or {@code install<State>On<Cause>}, e.g.
 * {@code installCompleted} or {@code installAbortedOnFailedPreflight}: the name is the mapping.
 */
public enum InstallState {

    RUNNING(false),
    WAITING_FOR_APPROVAL(false),
    WAITING_FOR_DECISION(false),
    /** An incident waits for an operator in Cockpit. */
    FAILED(false),
    COMPLETED(true),
    REJECTED(true),
    ABORTED(true),
    /** The inventory was refused before any host was touched. */
    INVALID(true),
    /** Started from Tasklist while a running install held some of its hosts; nothing was touched. */
    REFUSED(true),
    APPROVAL_EXPIRED(true),
    /** Cancelled or deleted, e.g. in Cockpit. */
    CANCELLED(true);

    private static final String END_EVENT_PREFIX = "install";
    private static final String CAUSE_SEPARATOR = "On";

    private final boolean ended;

    InstallState(boolean ended) {
        this.ended = ended;
    }

    public boolean ended() {
        return ended;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The end event id an install reaching this state ends in, without a cause: {@code installApprovalExpired}. */
    String endEventId() {
        StringBuilder id = new StringBuilder(END_EVENT_PREFIX);
        for (String word : name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return id.toString();
    }

    /** The state an end event of the install process stands for, by the naming rule above. */
    static Optional<InstallState> ofEndEvent(String endEventId) {
        if (endEventId == null) {
            return Optional.empty();
        }
        int cause = endEventId.indexOf(CAUSE_SEPARATOR, END_EVENT_PREFIX.length());
        String withoutCause = cause < 0 ? endEventId : endEventId.substring(0, cause);
        return Arrays.stream(values()).filter(state -> state.ended && state != CANCELLED)
                .filter(state -> state.endEventId().equals(withoutCause)).findFirst();
    }
}
