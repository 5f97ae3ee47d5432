package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 3: the host's name is its inventory name. Runs {@code scripts/set-hostname.sh}. */
@Component("setHostname")
class SetHostname extends ScriptStep {

    SetHostname() {
        super("setHostname", "set-hostname.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("NODE_NAME", context.node().name());
    }
}
