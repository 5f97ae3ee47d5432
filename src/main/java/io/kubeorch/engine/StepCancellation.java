package io.kubeorch.engine;

import java.util.ArrayList;
import java.util.List;

import io.kubeorch.ssh.RemoteHost;

/**
 * Lets a worker stop a step it can no longer report on (its task was deleted, or its lock passed
 * to another instance): the command running on every connection the step opened is stopped, on
 * the node too ({@link RemoteHost#cancel}), and the step's next command is refused.
 */
final class StepCancellation {

    private final List<RemoteHost> opened = new ArrayList<>();
    private String reason;
    private boolean ended;

    /** Keeps the connection to cut on {@link #cancel}; cuts it at once when the step was cancelled already. */
    synchronized RemoteHost register(RemoteHost host) {
        if (reason != null) {
            host.close();
            throw new IllegalStateException("the step was stopped: " + reason);
        }
        opened.add(host);
        return host;
    }

    /**
     * The step ran to its end and its outcome is being reported: too late to stop it. (Its
     * connections may already serve the node's next step.)
     *
     * @return false when it was stopped first
     */
    synchronized boolean end() {
        ended = reason == null;
        return ended;
    }

    /** @return whether this stopped the step (not when it was stopped already, or had ended) */
    synchronized boolean cancel(String why) {
        if (reason != null || ended) {
            return false;
        }
        reason = why;
        opened.forEach(RemoteHost::cancel);
        return true;
    }

    synchronized boolean cancelled() {
        return reason != null;
    }
}
