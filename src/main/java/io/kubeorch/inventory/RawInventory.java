package io.kubeorch.inventory;

import java.util.List;

/**
 * The inventory exactly as written: every field nullable, nothing defaulted or checked yet. Field
 * names are the YAML keys; {@link InventoryYamlReader} binds documents to these records strictly
 * (a key that is not a component here is an error).
 */
record RawInventory(
        String name,
        RawKubernetes kubernetes,
        RawControlPlaneEndpoint controlPlaneEndpoint,
        RawContainerd containerd,
        RawRepositories repositories,
        RawNetwork network,
        RawSsh ssh,
        List<RawNode> nodes) {

    record RawKubernetes(
            String version,
            String podSubnet,
            String serviceSubnet,
            String imageRepository,
            // no longer accepted: read only to say what replaced it
            String controlPlaneEndpoint) {
    }

    record RawControlPlaneEndpoint(
            String name,
            Integer port,
            String mode,
            String vip,
            String vipNetwork,
            String vipInterface,
            String kubeVipVersion,
            String loadBalancer) {
    }

    record RawContainerd(String version, String sandboxImage, List<String> registryMirrors) {
    }

    record RawRepositories(String containerd, String kubernetes) {
    }

    record RawNetwork(String plugin, String version, String manifestUrl) {
    }

    record RawSsh(
            String user,
            Integer port,
            String privateKeyFile,
            String passwordEnv,
            String knownHostsFile,
            Boolean acceptNewHostKeys,
            Boolean sudo,
            String sudoPasswordEnv,
            String jumpHost,
            Integer connectTimeoutSeconds) {
    }

    record RawNode(String name, String address, List<String> roles) {
    }
}
