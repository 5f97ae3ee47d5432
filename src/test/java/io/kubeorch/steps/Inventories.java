package io.kubeorch.steps;

import java.util.List;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.Inventory.Role;

/** Inventories for unit tests. */
final class Inventories {

    private Inventories() {
    }

    static Inventory guideCluster(Inventory.ControlPlaneEndpoint endpoint, Node... nodes) {
        return new Inventory("guide",
                new Inventory.Kubernetes("1.28.2", "10.244.0.0/16", "10.96.0.0/12",
                        "registry.cn-hangzhou.aliyuncs.com/google_containers"),
                endpoint,
                new Inventory.Containerd("1.6.22", "registry.aliyuncs.com/google_containers/pause:3.9", List.of()),
                new Inventory.Repositories(null, "https://pkgs.k8s.io/core:/stable:/v1.28/rpm/"),
                new Inventory.Network("calico", "v3.26.1", "https://example.org/calico.yaml"),
                new Inventory.SshSettings("root", 22, "/keys/id", null, "/keys/known_hosts", false, false, null, null, 10),
                List.of(nodes));
    }

    static Inventory guideCluster() {
        return guideCluster(null, master("master01", "192.168.1.1"), worker("node01", "192.168.1.2"),
                worker("node02", "192.168.1.3"));
    }

    static Inventory.ControlPlaneEndpoint localProxy(String name) {
        return new Inventory.ControlPlaneEndpoint(name, 6443, Inventory.EndpointMode.LOCAL_PROXY, null, null, null,
                null, null);
    }

    static Inventory.ControlPlaneEndpoint kubeVip(String name, String vip) {
        return new Inventory.ControlPlaneEndpoint(name, 6443, Inventory.EndpointMode.KUBE_VIP, vip, null, null,
                "registry.cn-hangzhou.aliyuncs.com/google_containers/kube-vip:v0.8.9", null);
    }

    static Inventory.ControlPlaneEndpoint external(String name, String loadBalancer, int port) {
        return new Inventory.ControlPlaneEndpoint(name, port, Inventory.EndpointMode.EXTERNAL, null, null, null, null,
                loadBalancer);
    }

    static Node master(String name, String address) {
        return new Node(name, address, List.of(Role.CONTROL_PLANE));
    }

    static Node worker(String name, String address) {
        return new Node(name, address, List.of(Role.WORKER));
    }
}
