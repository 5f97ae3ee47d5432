package io.kubeorch.ssh;

/** Why an SSH command failed, classified so the install can tell retryable from fatal. */
public enum SshFailure {
    /** Connection refused, no route, DNS: the host may come back. */
    UNREACHABLE(true),
    /** The server rejected our key or password: retrying changes nothing until an operator fixes it. */
    AUTHENTICATION_FAILED(false),
    /** The host key is not the known one (or unknown and accept-new is off): possible attack, never retried blindly. */
    HOST_KEY_REJECTED(false),
    /** The command ran past its timeout and was killed. */
    TIMEOUT(true),
    /** The connection broke while the command ran. */
    CONNECTION_LOST(true),
    /** sudo refused to run without a password or the user may not sudo. */
    PRIVILEGE_DENIED(false),
    /** kubeorch stopped the command itself: its operation was cancelled or passed to another instance. */
    CANCELLED(false);

    private final boolean retryable;

    SshFailure(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
