package io.kubeorch.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.kubeorch.inventory.Inventory;

/**
 * Builds the {@link SshTarget} of an inventory node from the inventory's {@code ssh} settings. Relative
 * key and known_hosts paths are resolved against the working directory of the kubeorch server.
 */
@Component
public class SshTargets {

    private final Path workingDirectory;

    @Autowired
    public SshTargets() {
        this(Path.of("").toAbsolutePath());
    }

    SshTargets(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /**
     * @throws IllegalArgumentException when the settings cannot work: a key file that is missing or
     *         unreadable, no credential at all, a sudo password (not supported yet)
     */
    public SshTarget forNode(Inventory.SshSettings ssh, Inventory.Node node) {
        Path keyFile = resolve(ssh.privateKeyFile());
        if (keyFile != null && !Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException("ssh.privateKeyFile: " + keyFile + " does not exist"
                    + (keyFile.toString().equals(ssh.privateKeyFile()) ? "" : " (resolved against " + workingDirectory + ")"));
        }
        if (keyFile != null && !Files.isReadable(keyFile)) {
            throw new IllegalArgumentException("ssh.privateKeyFile: " + keyFile + " is not readable by the kubeorch"
                    + " server's user");
        }
        if (keyFile == null && blank(ssh.passwordEnv())) {
            throw new IllegalArgumentException("ssh: set ssh.privateKeyFile or ssh.passwordEnv, kubeorch cannot log in"
                    + " without either");
        }
        if (!blank(ssh.sudoPasswordEnv())) {
            throw new IllegalArgumentException("ssh.sudoPasswordEnv is not supported yet: give user '" + ssh.user()
                    + "' passwordless sudo on the nodes (NOPASSWD in /etc/sudoers.d/) or log in as root");
        }
        return new SshTarget(
                node.name(),
                node.address(),
                ssh.port() > 0 ? ssh.port() : 22,
                ssh.user(),
                keyFile,
                blank(ssh.passwordEnv()) ? null : ssh.passwordEnv(),
                resolve(ssh.knownHostsFile()),
                ssh.acceptNewHostKeys(),
                ssh.sudo(),
                blank(ssh.jumpHost()) ? null : ssh.jumpHost(),
                ssh.connectTimeoutSeconds() > 0 ? Duration.ofSeconds(ssh.connectTimeoutSeconds()) : null);
    }

    private Path resolve(String path) {
        return blank(path) ? null : workingDirectory.resolve(path).normalize();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
