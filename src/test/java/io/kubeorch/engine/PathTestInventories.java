package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documented example inventories for the path tests, with SSH material that passes the
 * server-side checks (a real key, a host key for every address given), though no step of these
 * tests logs in.
 *
 * @param guide docs/example-inventory.yaml: master01, node01, node02 at 192.168.1.1 to .3
 * @param highlyAvailable docs/example-ha-inventory.yaml: three control planes (.1 to .3), node01 and node02 (.11, .12)
 */
record PathTestInventories(String guide, String highlyAvailable) {

    static PathTestInventories write(Path dir, List<String> addresses) throws IOException, InterruptedException {
        Path key = dir.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
        String hostKey = Files.readString(dir.resolve("id_ed25519.pub")).split(" ")[1];
        StringBuilder knownHosts = new StringBuilder();
        addresses.forEach(address -> knownHosts.append(address).append(" ssh-ed25519 ").append(hostKey).append('\n'));
        Path knownHostsFile = Files.writeString(dir.resolve("known_hosts"), knownHosts);
        return new PathTestInventories(withSsh(Path.of("docs/example-inventory.yaml"), key, knownHostsFile),
                withSsh(Path.of("docs/example-ha-inventory.yaml"), key, knownHostsFile));
    }

    private static String withSsh(Path example, Path key, Path knownHosts) throws IOException {
        return Files.readString(example)
                .replace("/etc/kubeorch/ssh/id_ed25519", key.toString())
                .replace("/etc/kubeorch/ssh/known_hosts", knownHosts.toString());
    }
}
