package io.kubeorch.ssh;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.kubeorch.inventory.Inventory;

/**
 * Builds the {@link SshTarget} of an inventory node from the inventory's {@code ssh} settings. Relative
 * key and known_hosts paths are resolved against the working directory of the kubeorch server; the
 * check made when an install starts ({@link SshSettingsCheck}) resolves them here too, so it looks
 * where the connections will.
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

    /** The settings were checked when the install started ({@link SshSettingsCheck}). */
    public SshTarget forNode(Inventory.SshSettings ssh, Inventory.Node node) {
        return new SshTarget(
                node.name(),
                node.address(),
                ssh.port() > 0 ? ssh.port() : 22,
                ssh.user(),
                resolve(ssh.privateKeyFile()),
                blank(ssh.passwordEnv()) ? null : ssh.passwordEnv(),
                resolve(ssh.knownHostsFile()),
                ssh.acceptNewHostKeys(),
                ssh.sudo(),
                ssh.sudo() && !blank(ssh.sudoPasswordEnv()) ? ssh.sudoPasswordEnv() : null,
                blank(ssh.jumpHost()) ? null : ssh.jumpHost(),
                ssh.connectTimeoutSeconds() > 0 ? Duration.ofSeconds(ssh.connectTimeoutSeconds()) : null);
    }

    /** The file a setting names: as given when absolute, else in the server's working directory; null if unset. */
    Path resolve(String path) {
        return blank(path) ? null : workingDirectory.resolve(path).normalize();
    }

    /** Where relative paths are looked for. */
    Path workingDirectory() {
        return workingDirectory;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
