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

    /** Keeps the connection to cut on {@link #cancel}; cuts it at once when the step was cancelled already. */
    synchronized RemoteHost register(RemoteHost host) {
        if (reason != null) {
            host.close();
            throw new IllegalStateException("the step was stopped: " + reason);
        }
        opened.add(host);
        return host;
    }

    synchronized void cancel(String why) {
        if (reason != null) {
            return;
        }
        reason = why;
        opened.forEach(RemoteHost::cancel);
    }

    synchronized boolean cancelled() {
        return reason != null;
    }
}
