package io.kubeorch.engine;

import java.util.stream.Collectors;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.ControlPlaneEndpoint;
import io.kubeorch.inventory.Inventory.Node;

/** What the approver reads about the control-plane endpoint: where it leads and what kubeorch sets up for it. */
final class EndpointPlan {

    private EndpointPlan() {
    }

    static String of(Inventory inventory) {
        String controlPlanes = inventory.controlPlanes().stream().map(node -> node.name() + " " + node.address())
                .collect(Collectors.joining(", "));
        if (inventory.endpoint().isEmpty()) {
            Node only = inventory.firstControlPlane();
            return "No endpoint: one control plane, " + only.name() + " " + only.address()
                    + ", which every node reaches directly (" + only.address() + ":6443).";
        }
        ControlPlaneEndpoint endpoint = inventory.endpoint().get();
        String how = switch (endpoint.mode()) {
            case LOCAL_PROXY -> "local-proxy: every node that is not a control plane runs HAProxy on 127.0.0.1:"
                    + endpoint.port() + " in front of every API server; control planes reach their own.";
            case KUBE_VIP -> "kube-vip: the virtual IP " + endpoint.vip() + " is held by one control plane at a time ("
                    + endpoint.kubeVipImage() + "), every node reaches it.";
            case EXTERNAL -> "external: the load balancer " + endpoint.loadBalancer()
                    + ", which must forward to every control plane; it is checked before init.";
        };
        return endpoint.hostPort() + " (a name in every node's /etc/hosts and in the API server's certificate), "
                + how + "\nControl planes, joined one at a time after init: " + controlPlanes + ".";
    }
}
