package io.kubeorch.ssh;

import java.time.Duration;

/** How a remote command ended. Output is kept as text; very long output is cut by the SSH layer. */
public record CommandResult(int exitStatus, String stdout, String stderr, Duration duration) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
