package io.kubeorch.ssh;

/**
 * One SSH connection to one node, reused for all commands of a step. Not thread-safe: one step
 * uses it at a time.
 */
public interface RemoteHost extends AutoCloseable {

    /** The inventory name of the node this connection reaches. */
    String nodeName();

    /**
     * Runs the command's script with {@code bash -s} (through {@code sudo -n} for a non-root
     * login) and waits for it, at most the command's timeout; then the remote command is killed.
     *
     * @return the result, whatever the exit status
     * @throws SshException when the command could not be run or finished: unreachable host,
     *         authentication or host key failure, timeout, lost connection
     */
    CommandResult run(RemoteCommand command);

    /**
     * Stops the command running on this connection, on the node too, and makes {@link #run}
     * throw {@link SshFailure#CANCELLED}: for another thread, when the command's step must not
     * go on (its task was cancelled or passed to another instance). Returns at once.
     */
    default void cancel() {
        close();
    }

    /** Whether the connection can still start commands (not closed, transport still up). */
    default boolean isOpen() {
        return true;
    }

    @Override
    void close();
}
