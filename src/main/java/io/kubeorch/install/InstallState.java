package io.kubeorch.install;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an install, or any operation, stands, as operators and the REST API name it
 * ({@code waiting-for-approval}).
 *
 * <p>An ended operation's state is read from the end event it reached. Every end event of an
 * operation's process is named {@code <operation><State>} or {@code <operation><State>On<Cause>},
 * the operation a lowercase word: {@code installCompleted}, {@code installAbortedOnFailedPreflight},
 * {@code removalRefusedOnEtcdQuorum}: the name is the mapping.
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

    /** The state's words as an end event names them after its operation: {@code ApprovalExpired}. */
    String endEventWords() {
        StringBuilder id = new StringBuilder();
        for (String word : name().split("_")) {
            id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return id.toString();
    }

    /** The state an end event of an operation's process stands for, by the naming rule above. */
    public static Optional<InstallState> ofEndEvent(String endEventId) {
        if (endEventId == null) {
            return Optional.empty();
        }
        int operation = 0;
        while (operation < endEventId.length() && Character.isLowerCase(endEventId.charAt(operation))) {
            operation++;
        }
        if (operation == 0) {
            return Optional.empty();
        }
        int cause = endEventId.indexOf(CAUSE_SEPARATOR, operation);
        String state = endEventId.substring(operation, cause < 0 ? endEventId.length() : cause);
        return Arrays.stream(values()).filter(candidate -> candidate.ended && candidate != CANCELLED)
                .filter(candidate -> candidate.endEventWords().equals(state)).findFirst();
    }
}
