package io.kubeorch.steps;

import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/** Guide step 24, first control plane: Calico with the pod subnet as its IPv4 pool, applied when it changed. Runs {@code scripts/apply-network-plugin.sh}. */
@Component("applyNetworkPlugin")
class ApplyNetworkPlugin extends ScriptStep {

    ApplyNetworkPlugin() {
        super("applyNetworkPlugin", "apply-network-plugin.sh");
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("MANIFEST_URL", context.inventory().network().manifestUrl())
                .env("POD_SUBNET", context.inventory().kubernetes().podSubnet());
    }
}
