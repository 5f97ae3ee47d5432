package io.kubeorch.steps;

import java.util.Map;
import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.ControlPlaneEndpoint;
import io.kubeorch.inventory.Inventory.EndpointMode;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * The control-plane endpoint's name in the node's /etc/hosts, in a marked block of its own (apart
 * from writeHostsFile's nodes, because on a control plane it changes as the cluster grows): in
 * local-proxy mode 127.0.0.1 (the node's proxy) on other nodes, and on a control plane the node
 * itself once its API server answers, before that a control plane whose API server answers; the
 * VIP in kube-vip mode and the balancer in external mode on every node. Without an endpoint (one
 * control plane, none configured) there is nothing to resolve. Runs
 * {@code scripts/resolve-control-plane-endpoint.sh}; the fact {@code endpointAddress} says where
 * the name leads now.
 */
@Component("resolveControlPlaneEndpoint")
class ResolveControlPlaneEndpoint extends ScriptStep {

    ResolveControlPlaneEndpoint() {
        super("resolveControlPlaneEndpoint", "resolve-control-plane-endpoint.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        if (context.inventory().endpoint().isEmpty()) {
            return new StepResult(false, Map.of("endpointAddress", "none: the cluster has no control-plane endpoint"));
        }
        return super.run(context);
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        Inventory inventory = context.inventory();
        ControlPlaneEndpoint endpoint = inventory.endpoint().orElseThrow();
        Node node = context.node();
        command.env("ENDPOINT_NAME", endpoint.name()).env("NODE_ADDRESS", node.address());
        return switch (endpoint.mode()) {
            case KUBE_VIP -> command.env("ENDPOINT_ADDRESS", endpoint.vip());
            case EXTERNAL -> command.env("ENDPOINT_ADDRESS", endpoint.loadBalancer());
            case LOCAL_PROXY -> node.isControlPlane()
                    ? command.env("PROBE", "true").env("PEER_ADDRESSES", inventory.controlPlanes().stream()
                            .filter(other -> !other.name().equals(node.name())).map(Node::address)
                            .collect(Collectors.joining(" ")))
                    : command.env("ENDPOINT_ADDRESS", "127.0.0.1");
        };
    }

    /** Whether the endpoint mode puts the name on the node's loopback (its local proxy). */
    static boolean usesLocalProxy(Inventory inventory, Node node) {
        return !node.isControlPlane() && inventory.endpointMode(EndpointMode.LOCAL_PROXY);
    }
}
