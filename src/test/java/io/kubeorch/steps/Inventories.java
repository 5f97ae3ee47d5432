package io.kubeorch.steps;

import java.util.List;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.inventory.Inventory.Role;

/** Inventories for unit tests. */
final class Inventories {

    private Inventories() {
    }

    static Inventory guideCluster(String controlPlaneEndpoint, Node... nodes) {
        return new Inventory("guide",
                new Inventory.Kubernetes("1.28.2", "10.244.0.0/16", "10.96.0.0/12",
                        "registry.cn-hangzhou.aliyuncs.com/google_containers", controlPlaneEndpoint),
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

    static Node master(String name, String address) {
        return new Node(name, address, List.of(Role.CONTROL_PLANE));
    }

    static Node worker(String name, String address) {
        return new Node(name, address, List.of(Role.WORKER));
    }
}
