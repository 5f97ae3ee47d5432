package io.kubeorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inventories docs/ shows, with SSH material that passes the server-side checks an install
 * starts with (a real key, a host key for every node), for tests whose installs never log in.
 */
public final class DocumentedInventories {

    private static final Pattern ADDRESS = Pattern.compile("address: (\\S+)");

    private DocumentedInventories() {
    }

    /**
     * {@code docs/<name>}, its key and known_hosts files replaced by ones written under {@code dir};
     * the known_hosts file also knows {@code moreAddresses} (hosts a test adds to the cluster later).
     */
    public static String read(String name, Path dir, String... moreAddresses) {
        try {
            String yaml = Files.readString(Path.of("docs", name));
            Files.createDirectories(dir);
            Path key = dir.toAbsolutePath().resolve("id_ed25519");
            if (!Files.exists(key)) {
                Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                        .redirectErrorStream(true).start();
                String output = new String(keygen.getInputStream().readAllBytes());
                if (keygen.waitFor() != 0) {
                    throw new IllegalStateException("ssh-keygen failed: " + output);
                }
            }
            String hostKey = Files.readString(key.resolveSibling("id_ed25519.pub")).split(" ")[1];
            StringBuilder knownHosts = new StringBuilder();
            Matcher addresses = ADDRESS.matcher(yaml);
            while (addresses.find()) {
                knownHosts.append(addresses.group(1)).append(" ssh-ed25519 ").append(hostKey).append('\n');
            }
            for (String address : moreAddresses) {
                knownHosts.append(address).append(" ssh-ed25519 ").append(hostKey).append('\n');
            }
            Path knownHostsFile = Files.writeString(dir.toAbsolutePath().resolve(name + ".known_hosts"), knownHosts);
            return yaml.replace("/etc/kubeorch/ssh/id_ed25519", key.toString())
                    .replace("/etc/kubeorch/ssh/known_hosts", knownHostsFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
