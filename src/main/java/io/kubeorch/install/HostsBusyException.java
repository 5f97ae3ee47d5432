package io.kubeorch.install;

import java.time.Instant;
import java.util.List;

/** Hosts of a new operation belong to an operation that is still running. */
public class HostsBusyException extends RuntimeException {

    private final String holderId;
    private final String refusedId;

    /** @param holder what holds them: an install or a day-2 operation */
    HostsBusyException(List<String> addresses, String holder, String holderId, String cluster, String requestedBy,
            Instant since) {
        this(message(addresses, holder, holderId, cluster, requestedBy, since), holderId, null);
    }

    private HostsBusyException(String message, String holderId, String refusedId) {
        super(message);
        this.holderId = holderId;
        this.refusedId = refusedId;
    }

    private static String message(List<String> addresses, String holder, String holderId, String cluster,
            String requestedBy, Instant since) {
        return "hosts " + String.join(", ", addresses) + " belong to " + holder + " " + holderId + " of cluster " + cluster
                + ", started by " + (requestedBy == null ? "an unknown user" : requestedBy) + " at " + since
                + ", which is still running: wait until it ends, or cancel it in Cockpit";
    }

    /** The same refusal, for an install that was recorded before its hosts were asked for. */
    HostsBusyException refusing(String installId) {
        return new HostsBusyException(getMessage(), holderId, installId);
    }

    /** The install that was refused, when it was recorded (started from Tasklist), else null. */
    public String refusedId() {
        return refusedId;
    }

    /** The install that holds the hosts. */
    public String holderId() {
        return holderId;
    }
}
