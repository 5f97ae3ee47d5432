package io.kubeorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * docs/example-inventory.yaml with SSH files that exist on this machine (a fresh key, a host key
 * for every node), for tests whose installs never log in but must pass the server-side checks.
 */
public final class ExampleInventory {

    private ExampleInventory() {
    }

    /** Writes the key and known_hosts into {@code dir} and returns the inventory naming them. */
    public static String in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("id_ed25519");
            if (!Files.exists(key)) {
                Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                        .redirectErrorStream(true).start();
                String output = new String(keygen.getInputStream().readAllBytes());
                if (keygen.waitFor() != 0) {
                    throw new IllegalStateException("ssh-keygen failed: " + output);
                }
            }
            String hostKey = Files.readString(dir.resolve("id_ed25519.pub")).split(" ")[1];
            StringBuilder knownHosts = new StringBuilder();
            for (String address : List.of("192.168.1.1", "192.168.1.2", "192.168.1.3")) {
                knownHosts.append(address).append(" ssh-ed25519 ").append(hostKey).append('\n');
            }
            Path knownHostsFile = Files.writeString(dir.resolve("known_hosts"), knownHosts);
            return Files.readString(Path.of("docs/example-inventory.yaml"))
                    .replace("/etc/kubeorch/ssh/id_ed25519", key.toAbsolutePath().toString())
                    .replace("/etc/kubeorch/ssh/known_hosts", knownHostsFile.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
