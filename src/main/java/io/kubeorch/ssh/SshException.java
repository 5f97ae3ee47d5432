package io.kubeorch.ssh;

/** A command could not be run or did not finish. The failure tells whether trying again can help. */
public class SshException extends RuntimeException {

    private final String nodeName;
    private final SshFailure failure;

    public SshException(String nodeName, SshFailure failure, String message, Throwable cause) {
        super(nodeName + ": " + message, cause);
        this.nodeName = nodeName;
        this.failure = failure;
    }

    public SshException(String nodeName, SshFailure failure, String message) {
        this(nodeName, failure, message, null);
    }

    public String nodeName() {
        return nodeName;
    }

    public SshFailure failure() {
        return failure;
    }
}
