package io.kubeorch.steps;

import java.util.Map;

import io.kubeorch.inventory.Inventory.ControlPlaneEndpoint;
import io.kubeorch.inventory.Inventory.EndpointMode;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * external mode, on every node before kubeadm init: the existing load balancer accepts
 * connections on the endpoint's port from this node (within 5 s), so that init and the joins do
 * not wait minutes on a balancer that is missing or firewalled. Read-only. Runs
 * {@code scripts/check-load-balancer.sh}; fails with what to fix (the step is safe to retry).
 */
@Component("checkLoadBalancer")
class CheckLoadBalancer extends ScriptStep {

    CheckLoadBalancer() {
        super("checkLoadBalancer", "check-load-balancer.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        if (!context.inventory().endpointMode(EndpointMode.EXTERNAL)) {
            return new StepResult(false, Map.of("loadBalancer", "not used"));
        }
        return super.run(context);
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        ControlPlaneEndpoint endpoint = context.inventory().endpoint().orElseThrow();
        return command.env("LB_ADDRESS", endpoint.loadBalancer()).env("LB_PORT", Integer.toString(endpoint.port()));
    }
}
